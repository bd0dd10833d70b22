package dev.hearth.signaling.web;

import tools.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link ApiRequestGuard} in front of everything under /api/. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    FilterRegistrationBean<ApiRequestGuard> apiRequestGuard(AuthenticatedAccounts authenticated, ObjectMapper json) {
        FilterRegistrationBean<ApiRequestGuard> registration =
                new FilterRegistrationBean<>(new ApiRequestGuard(authenticated, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
