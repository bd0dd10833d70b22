package dev.hearth.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * infra/nginx.conf, the proxy in front of the compose nodes: TLS, the WebSocket upgrade on the signaling path, no
 * stickiness, and a log that never holds an invite token.
 */
class NginxConfTest {

    /** The one signaling endpoint (protocol/WebSocketConfiguration). */
    static final String SIGNALING_PATH = "/ws";
    /** WebSocketConfiguration closes a socket silent this long; the proxy must not cut one sooner. */
    static final int SOCKET_IDLE_SECONDS = 60;
    /** The route variable that carries an invite token in Hearth's controllers. */
    private static final String TOKEN_VARIABLE = "{token}";
    /** Log variables that hold the query string, or the raw path with whatever token is in it. */
    private static final Set<String> UNSAFE_LOG_VARIABLES = Set.of("$request", "$request_uri", "$args",
            "$query_string", "$uri", "$document_uri", "$http_referer", "$request_body");

    private final NginxConf conf = NginxConf.parse(DeploymentFiles.read(DeploymentFiles.INFRA.resolve("nginx.conf")));

    @Test
    void theSignalingPathIsUpgradedToAWebSocket() {
        NginxConf ws = location(SIGNALING_PATH);
        assertThat(ws.only("proxy_http_version").args()).containsExactly("1.1");
        assertThat(ws.proxyHeaders()).contains("Upgrade $http_upgrade", "Connection $connection_upgrade");
        NginxConf upgradeMap = conf.only("http").children("map").stream()
                .filter(m -> m.args().equals(List.of("$http_upgrade", "$connection_upgrade")))
                .findFirst().orElseThrow(() -> new AssertionError("no map $http_upgrade $connection_upgrade"));
        assertThat(upgradeMap.only("default").args()).containsExactly("upgrade");
        assertThat(seconds(ws.only("proxy_read_timeout").arg(0)))
                .as("proxy_read_timeout of %s", SIGNALING_PATH).isGreaterThan(SOCKET_IDLE_SECONDS);
        assertThat(ws.only("proxy_pass").arg(0)).isEqualTo("http://hearth");
    }

    @Test
    void tlsIsTerminatedWithCurrentProtocolsAndPlainHttpOnlyRedirects() {
        List<NginxConf> servers = conf.only("http").children("server");
        List<NginxConf> tls = servers.stream()
                .filter(s -> s.children("listen").stream().anyMatch(l -> l.args().contains("ssl"))).toList();
        assertThat(tls).as("a server listening with ssl").hasSize(1);
        NginxConf https = tls.get(0);
        assertThat(https.children("listen")).as("every listen of the TLS server").allSatisfy(l -> {
            assertThat(l.arg(0)).matches("(.*:)?443");
            assertThat(l.args()).contains("ssl");
        });
        assertThat(https.children("ssl_certificate")).hasSize(1);
        assertThat(https.children("ssl_certificate_key")).hasSize(1);
        assertThat(https.only("ssl_protocols").args()).isNotEmpty().isSubsetOf("TLSv1.2", "TLSv1.3");
        for (NginxConf plain : servers) {
            if (plain != https) {
                assertThat(plain.children("location")).as("a plain-HTTP server proxies nothing").isEmpty();
                assertThat(plain.only("return").args()).first().isEqualTo("301");
                assertThat(plain.only("return").arg(1)).startsWith("https://");
            }
        }
        assertThat(conf.all("proxy_pass")).as("everything proxied is behind TLS")
                .allSatisfy(p -> assertThat(https.all()).contains(p));
    }

    /** Cluster mode: any node serves any socket, and a member who reconnects may land on another one. */
    @Test
    void theUpstreamHasNoStickinessAndEveryNodeInIt() {
        NginxConf upstream = conf.only("http").only("upstream");
        assertThat(upstream.arg(0)).isEqualTo("hearth");
        assertThat(upstream.children()).extracting(NginxConf::name)
                .doesNotContain("ip_hash", "hash", "sticky", "sticky_route", "sticky_cookie_insert");
        assertThat(upstream.children("server")).as("upstream servers").hasSizeGreaterThanOrEqualTo(2);
        assertThat(conf.all(d -> d.name().equals("proxy_pass") && !d.arg(0).equals("http://hearth")))
                .as("proxy_pass elsewhere than the upstream").isEmpty();
    }

    @Test
    void theAccessLogHoldsNeitherQueryStringsNorInviteTokens() {
        NginxConf http = conf.only("http");
        Map<String, String> formats = new LinkedHashMap<>();
        for (NginxConf format : http.children("log_format")) {
            formats.put(format.arg(0), String.join(" ", format.args().subList(1, format.args().size())));
        }
        List<NginxConf> accessLogs = conf.all("access_log");
        assertThat(accessLogs).as("access_log directives").isNotEmpty();
        for (NginxConf log : accessLogs) {
            if (log.arg(0).equals("off")) {
                continue;
            }
            assertThat(log.args()).as("%s names its format (the default one logs $request)", log).hasSizeGreaterThan(1);
            String format = formats.get(log.arg(1));
            assertThat(format).as("log_format %s", log.arg(1)).isNotNull();
            for (String variable : variables(format)) {
                assertThat(UNSAFE_LOG_VARIABLES).as("%s in log_format %s", variable, log.arg(1))
                        .doesNotContain(variable);
                if (variable.startsWith("$arg_")) {
                    throw new AssertionError(variable + " logs a query parameter");
                }
                NginxConf map = mapDefining(variable);
                if (map != null) {
                    assertRedactsTokens(map);
                }
            }
        }
        // nginx's error lines quote the request line (with the token): only levels that never concern a request.
        assertThat(conf.all("error_log")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.args()).last().isIn("crit", "alert", "emerg"));
    }

    /** A log variable built by a map from the path must hide every token route's token. */
    private void assertRedactsTokens(NginxConf map) {
        List<String> routes = tokenRoutePrefixes();
        assertThat(routes).as("routes with %s in the controllers", TOKEN_VARIABLE).isNotEmpty();
        for (String prefix : routes) {
            String token = "Tk4mQ2vX9pLr7sWz";
            String logged = evaluate(map, prefix + token);
            assertThat(logged).as("%s logs %s%s as", map.arg(1), prefix, token).doesNotContain(token);
        }
        assertThat(evaluate(map, "/api/rooms")).isEqualTo("/api/rooms");
    }

    /** nginx's map on a path: exact strings first, then the regexes in order, else the default. */
    private static String evaluate(NginxConf map, String path) {
        String fallback = null;
        for (NginxConf entry : map.children()) {
            if (entry.name().equals(path)) {
                return substitute(entry.arg(0), path);
            }
        }
        for (NginxConf entry : map.children()) {
            if (entry.name().startsWith("~")) {
                Pattern regex = Pattern.compile(entry.name().startsWith("~*") ? "(?i)" + entry.name().substring(2)
                        : entry.name().substring(1));
                if (regex.matcher(path).find()) {
                    return substitute(entry.arg(0), path);
                }
            } else if (entry.name().equals("default")) {
                fallback = entry.arg(0);
            }
        }
        return fallback == null ? "" : substitute(fallback, path);
    }

    private static String substitute(String value, String path) {
        return value.replace("$uri", path);
    }

    private NginxConf mapDefining(String variable) {
        return conf.only("http").children("map").stream()
                .filter(m -> m.args().size() == 2 && m.arg(1).equals(variable)).findFirst()
                .map(m -> {
                    assertThat(m.arg(0)).as("%s is mapped from", variable).isIn("$uri", "$document_uri");
                    return m;
                }).orElse(null);
    }

    private static List<String> variables(String format) {
        List<String> found = new ArrayList<>();
        var m = Pattern.compile("\\$[a-z_0-9]+").matcher(format);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** Every route of Hearth's controllers with the token in its path, as the part before the token. */
    static List<String> tokenRoutePrefixes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<String> prefixes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.hearth.signaling")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            RequestMapping onType = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            String base = onType == null || onType.path().length == 0 ? "" : onType.path()[0];
            for (Method method : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                for (String path : mapping.path()) {
                    String full = base + path;
                    int at = full.indexOf(TOKEN_VARIABLE);
                    if (at >= 0 && !prefixes.contains(full.substring(0, at))) {
                        prefixes.add(full.substring(0, at));
                    }
                }
            }
        }
        return prefixes;
    }

    /** Security headers come from Hearth on what it answers; nginx adds them only to the pages it makes itself. */
    @Test
    void securityHeadersAreAddedOnlyWhereNginxAnswersItself() {
        NginxConf https = conf.only("http").children("server").stream()
                .filter(s -> !s.children("ssl_certificate").isEmpty()).findFirst().orElseThrow();
        List<String> errorPages = https.children("error_page").stream()
                .map(e -> e.args().get(e.args().size() - 1)).toList();
        assertThat(errorPages).as("nginx's own error pages").isNotEmpty();
        for (NginxConf location : https.all("location")) {
            boolean own = location.args().size() == 2 && location.arg(0).equals("=")
                    && errorPages.contains(location.arg(1));
            List<NginxConf> added = location.children("add_header");
            if (own) {
                assertThat(location.children("internal")).as("%s is internal", location).hasSize(1);
                assertThat(added).extracting(h -> h.arg(0)).contains("Strict-Transport-Security",
                        "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy");
                assertThat(added).allSatisfy(h -> assertThat(h.args()).last().isEqualTo("always"));
            } else {
                assertThat(added).as("add_header in %s doubles Hearth's own headers", location).isEmpty();
            }
        }
        assertThat(https.children("add_header")).as("server-level add_header (inherited by every location)")
                .isEmpty();
        assertThat(conf.only("http").children("add_header")).isEmpty();
        assertThat(conf.only("http").only("server_tokens").args()).containsExactly("off");
    }

    /** Hearth believes these from its trusted proxy: the client's address for throttling, the scheme and host. */
    @Test
    void everyProxiedLocationForwardsTheHeadersHearthTrusts() {
        List<NginxConf> proxied = conf.all(d -> d.name().equals("location") && !d.children("proxy_pass").isEmpty());
        assertThat(proxied).hasSizeGreaterThanOrEqualTo(2);
        for (NginxConf location : proxied) {
            assertThat(location.proxyHeaders()).as("%s", location).contains("Host $host",
                    "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme",
                    "X-Forwarded-Host $host", "X-Forwarded-Port $server_port");
        }
    }

    private NginxConf location(String path) {
        return conf.all(d -> d.name().equals("location") && d.args().get(d.args().size() - 1).equals(path))
                .stream().findFirst().orElseThrow(() -> new AssertionError("no location for " + path));
    }

    static int seconds(String duration) {
        if (duration.endsWith("m")) {
            return Integer.parseInt(duration.substring(0, duration.length() - 1)) * 60;
        }
        return Integer.parseInt(duration.endsWith("s") ? duration.substring(0, duration.length() - 1) : duration);
    }
}
