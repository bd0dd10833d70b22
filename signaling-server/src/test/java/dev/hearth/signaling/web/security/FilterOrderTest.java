package dev.hearth.signaling.web.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.web.ApiTestConfiguration;
import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.test.context.ContextConfiguration;

/**
 * The order the chain's guards run in matters: headers wrap everything; size and origin refuse before the session is
 * looked up (a refused request must not count as the person's activity); the session is known before CSRF needs
 * its token.
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilterOrderTest {

    @Autowired
    SecurityFilterChain chain;

    @Test
    void guardsRunInTheirOrder() {
        List<Class<? extends Filter>> order = List.of(HeaderWriterFilter.class, BodySizeLimitFilter.class,
                SameOriginFilter.class, SessionCookieAuthenticationFilter.class, CsrfFilter.class);
        List<Class<?>> filters = chain.getFilters().stream().<Class<?>>map(Object::getClass).toList();
        int previous = -1;
        for (Class<? extends Filter> type : order) {
            int index = filters.indexOf(type);
            assertTrue(index > previous, type.getSimpleName() + " in its place: " + filters);
            previous = index;
        }
    }
}
