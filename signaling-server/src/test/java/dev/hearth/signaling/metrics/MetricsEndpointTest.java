package dev.hearth.signaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.web.ApiClient;
import dev.hearth.signaling.web.ApiTestConfiguration;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 12.5: who may read {@code /metrics}. Signed-in admins may, and a scraper with {@code HEARTH_METRICS_TOKEN}
 * as its bearer token; nobody signed out, no facilitator, no wrong token, and the token opens no other route.
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + MetricsEndpointTest.ADMIN_PASSWORD,
        "HEARTH_METRICS_TOKEN=" + MetricsEndpointTest.TOKEN})
class MetricsEndpointTest {

    static final String ADMIN_PASSWORD = "the admin passphrase";
    static final String TOKEN = "scraper-token-3f9a1c7e5b2d8046aa91";
    private static final String FACILITATOR_PASSWORD = "a facilitator passphrase";

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private ApiClient.Reply withBearer(String path, String token) {
        return api.send(api.request(path).GET().header("Authorization", "Bearer " + token));
    }

    @Test
    void anAdminReadsPrometheusText() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);

        ApiClient.Reply reply = api.get("/metrics", admin.cookie());

        assertEquals(200, reply.status(), reply.raw().body());
        assertThat(reply.header("Content-Type").orElseThrow()).startsWith("text/plain").contains("version=0.0.4");
        Scrape scrape = Scrape.parse(reply.raw().body());
        assertThat(scrape.names()).contains("hearth_rooms", "hearth_participants", "hearth_relay_packets_received_total",
                "hearth_relay_packets_dropped_total", "hearth_relay_dtls_failures_total",
                "hearth_relay_loop_lag_seconds_count", "hearth_recording_written_bytes_total",
                "hearth_recording_pauses_total");
        assertTrue(Labels.violations(scrape).isEmpty(), () -> String.join("\n", Labels.violations(scrape)));
        assertEquals("no-store", reply.header("Cache-Control").orElseThrow());
    }

    @Test
    void nobodySignedOutAndNoFacilitatorMayRead() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        api.postJson("/api/admin/facilitators", Map.of("username", "metrics.reader", "password", FACILITATOR_PASSWORD),
                admin.cookie(), admin.csrfToken());
        ApiClient.Login facilitator = api.login("metrics.reader", FACILITATOR_PASSWORD);

        ApiClient.Reply anonymous = api.get("/metrics", null);
        ApiClient.Reply staff = api.get("/metrics", facilitator.cookie());

        assertEquals(401, anonymous.status());
        assertEquals("not-signed-in", anonymous.code());
        assertEquals(403, staff.status());
        assertEquals("forbidden", staff.code());
        assertThat(anonymous.raw().body() + staff.raw().body()).doesNotContain("hearth_");
    }

    @Test
    void aScraperWithTheTokenReadsAndWithAnyOtherTokenDoesNot() {
        ApiClient.Reply scraper = withBearer("/metrics", TOKEN);
        assertEquals(200, scraper.status(), scraper.raw().body());
        assertThat(scraper.raw().body()).contains("hearth_relay_packets_received_total");

        for (String wrong : new String[] {TOKEN.substring(1), TOKEN + "x", TOKEN.toUpperCase(), ""}) {
            ApiClient.Reply refused = withBearer("/metrics", wrong);
            assertEquals(401, refused.status(), wrong);
            assertThat(refused.raw().body()).doesNotContain("hearth_");
        }
        ApiClient.Reply basic = api.send(api.request("/metrics").GET().header("Authorization", TOKEN));
        assertEquals(401, basic.status(), "only as a bearer token");
    }

    @Test
    void theTokenOpensNoOtherRoute() {
        for (String path : new String[] {"/api/admin/audit", "/api/admin/facilitators", "/api/session", "/metrics/",
            "/api/recordings"}) {
            ApiClient.Reply reply = withBearer(path, TOKEN);
            assertTrue(reply.status() == 401 || reply.status() == 400 || reply.status() == 404,
                    path + " answered " + reply.status() + " " + reply.raw().body());
        }
        ApiClient.Reply post = api.send(api.request("/metrics").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.status()).isNotEqualTo(200);
    }
}
