package dev.hearth.signaling.web;

import dev.hearth.signaling.config.PublicOrigin;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/** Links that go out by e-mail and chat carry the address members open, not a proxy's inner one. */
@Component
public class PublicLinks {

    private final PublicOrigin publicOrigin;

    public PublicLinks(PublicOrigin publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    /** For the request being handled: {@code pathTemplate} with its one variable filled in, encoded. */
    public String link(String pathTemplate, String value) {
        UriComponents current = ServletUriComponentsBuilder.fromCurrentContextPath().build();
        String base = publicOrigin.base(current.getScheme(), current.getHost(), current.getPort());
        return UriComponentsBuilder.fromUriString(base).path(pathTemplate).buildAndExpand(value).toUriString();
    }
}
