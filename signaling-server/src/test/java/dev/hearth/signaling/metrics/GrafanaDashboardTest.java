package dev.hearth.signaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.web.ApiClient;
import dev.hearth.signaling.web.ApiTestConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * infra/grafana-dashboard.json is valid JSON whose every query asks for series this server really exports: each
 * {@code hearth_*} name in an {@code expr}, and each label value it matches on, is in a scrape of the running
 * server. A renamed meter breaks this test instead of leaving a dashboard of empty panels.
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + MetricsEndpointTest.ADMIN_PASSWORD,
        "HEARTH_METRICS_TOKEN=" + MetricsEndpointTest.TOKEN})
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "infra", "grafana-dashboard.json");
    /** A series selector: a metric name and, optionally, its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("\\b(hearth_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|=|!=|!~)\\s*\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Test
    void everyQueryAsksForSeriesTheServerExports() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        collectExpressions(dashboard, expressions);
        assertThat(expressions).as("the dashboard's queries").hasSizeGreaterThan(10);
        ApiClient api = new ApiClient(port);
        ApiClient.Reply reply = api.send(api.request("/metrics").GET()
                .header("Authorization", "Bearer " + MetricsEndpointTest.TOKEN));
        assertEquals(200, reply.status());
        Scrape scrape = Scrape.parse(reply.raw().body());

        List<String> missing = new ArrayList<>();
        int selectors = 0;
        for (String expr : expressions) {
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                selectors++;
                String name = selector.group(1);
                if (!scrape.names().contains(name)) {
                    missing.add(name + " (in " + expr + ")");
                    continue;
                }
                if (selector.group(3) != null) {
                    checkLabels(scrape, name, selector.group(3), expr, missing);
                }
            }
        }
        assertThat(selectors).isGreaterThan(20);
        assertTrue(missing.isEmpty(), () -> "not exported:\n" + String.join("\n", missing));
    }

    /** Equality and regex matchers on our own labels must name values the metric has; Prometheus' own pass. */
    private static void checkLabels(Scrape scrape, String name, String matchers, String expr, List<String> missing) {
        Matcher m = MATCHER.matcher(matchers);
        while (m.find()) {
            String label = m.group(1);
            if (label.equals("instance") || label.equals("job") || m.group(2).startsWith("!")) {
                continue;
            }
            for (String value : m.group(2).equals("=~") ? m.group(3).split("\\|") : new String[] {m.group(3)}) {
                if (scrape.find(name, Map.of(label, value)).isEmpty()) {
                    missing.add(name + "{" + label + "=\"" + value + "\"} (in " + expr + ")");
                }
            }
        }
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("expr") && field.getValue().isString()) {
                    into.add(field.getValue().asString());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collectExpressions(element, into);
            }
        }
    }
}
