package dev.hearth.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.account.SessionRegistry;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.web.ApiClient;
import dev.hearth.signaling.web.ApiTestConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * A facilitator's sign-in and their open room socket belong together: being in a live room keeps the session
 * signed in however long nobody clicks, and the moment the session ends the socket stops receiving the lobby.
 */
@Import({RecordingRelayConfiguration.class, ApiTestConfiguration.class})
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + FacilitatorSessionTest.ADMIN_PASSWORD})
class FacilitatorSessionTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-28";
    private static final String FACILITATOR_PASSWORD = "Amber-Thicket-Facilitator-45";
    private static final String MEMBER_NAME = "Wilhelmina";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    HearthSettings settings;

    private ApiClient api;
    private String username;
    private ApiClient.Login facilitator;
    private String roomId;
    private String invite;
    private int agreementVersion;

    @BeforeEach
    void signedInFacilitatorWithARoom() {
        api = new ApiClient(port);
        // Past earlier tests' sessions.
        clock.advance(Duration.ofHours(13));
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        username = "fac" + System.nanoTime() % 1_000_000;
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", username, "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body()::toString);
        facilitator = api.login(username, FACILITATOR_PASSWORD);
        JsonNode room = api.postJson("/api/rooms", Map.of("title", "Evening group"), facilitator.cookie(),
                facilitator.csrfToken()).body();
        roomId = room.get("roomId").asString();
        String url = room.get("inviteUrl").asString();
        invite = url.substring(url.lastIndexOf('/') + 1);
        agreementVersion = room.get("agreement").get("version").asInt();
    }

    /** Lets anything the server sent a moment ago arrive. */
    private static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Enters the room and returns the resume token. */
    private String enter(TestSocket host) {
        JsonNode admitted = host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ngozi")));
        assertEquals(0, host.expect("lobby-update").get("entries").size());
        return admitted.get("resumeToken").asString();
    }

    private String knock(TestSocket member) {
        return member.reply(member.send("join", m -> m.put("invite", invite).put("firstName", MEMBER_NAME)
                .put("agreementVersion", agreementVersion))).get("participantId").asString();
    }

    @Test
    void aFacilitatorInALiveRoomStaysSignedInPastTheIdleTimeout() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            enter(host);
            String memberId = knock(member);
            host.expect("lobby-update");

            clock.advance(settings.idleLogoff().plusMinutes(5));
            assertEquals("ok", host.reply(host.send("admit", m -> m.put("participantId", memberId))).get("type").asString());
            member.expect("admitted");
            clock.advance(settings.idleLogoff().plusMinutes(5));
            assertEquals("ok", host.reply(host.send("mute", m -> m.put("participantId", memberId))).get("type").asString());
            member.expect("mute-changed");
            // The page's own HTTP calls work too: it is the same signed-in session.
            assertEquals(200, api.get("/api/session", facilitator.cookie()).status());
        }
    }

    @Test
    void afterLogoutTheFacilitatorSocketGetsNoFurtherLobbyData() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            enter(host);
            assertEquals(204, api.postJson("/api/logout", Map.of(), facilitator.cookie(), facilitator.csrfToken())
                    .status());
            knock(member);
            pause(Duration.ofMillis(300));
            // Only the lobby-update from before the logout.
            assertThat(host.everything()).filteredOn(m -> m.path("type").asString().equals("lobby-update")).hasSize(1);
            assertThat(host.everything().toString()).doesNotContain(MEMBER_NAME);
        }
    }

    @Test
    void theSocketIsToldAndClosedWhenItsSessionEnds() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            enter(host);
            api.postJson("/api/logout", Map.of(), facilitator.cookie(), facilitator.csrfToken());
            assertEquals("not-signed-in", host.expect("error").get("code").asString());
            host.awaitClosed();
            knock(member);
            assertThat(host.everything().toString()).doesNotContain(MEMBER_NAME);
        }
    }

    @Test
    void signingInAgainAndResumingBringsTheFacilitatorBackWithinTheGracePeriod() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            String resumeToken = enter(host);
            api.postJson("/api/logout", Map.of(), facilitator.cookie(), facilitator.csrfToken());
            host.awaitClosed();
            ApiClient.Login again = api.login(username, FACILITATOR_PASSWORD);
            try (TestSocket back = TestSocket.open(port, again.cookie())) {
                JsonNode resumed = back.reply(back.send("resume", m -> m.put("resumeToken", resumeToken)));
                assertEquals("facilitator", resumed.at("/you/role").asString(), resumed::toString);
                knock(member);
                JsonNode lobby = back.expect("lobby-update");
                while (lobby.get("entries").isEmpty()) {
                    lobby = back.expect("lobby-update");
                }
                assertEquals(MEMBER_NAME, lobby.at("/entries/0/firstName").asString());
            }
        }
    }

    @Test
    void resumingWithoutSigningInIsRefusedAndLeavesThePlaceForTheSignedInResume() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie())) {
            String resumeToken = enter(host);
            api.postJson("/api/logout", Map.of(), facilitator.cookie(), facilitator.csrfToken());
            host.awaitClosed();
            try (TestSocket stranger = TestSocket.open(port, null)) {
                stranger.send("resume", m -> m.put("resumeToken", resumeToken));
                assertEquals("not-signed-in", stranger.expect("error").get("code").asString());
            }
            // The refused attempt changed nothing: the token still works once the facilitator signs in again.
            ApiClient.Login again = api.login(username, FACILITATOR_PASSWORD);
            try (TestSocket back = TestSocket.open(port, again.cookie())) {
                JsonNode resumed = back.reply(back.send("resume", m -> m.put("resumeToken", resumeToken)));
                assertEquals("facilitator", resumed.at("/you/role").asString(), resumed::toString);
            }
        }
    }

    @Test
    void aSessionPastItsMaximumLifetimeClosesTheSocketWithoutAnyRequest() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie())) {
            enter(host);
            clock.advance(SessionRegistry.DEFAULT_MAX_LIFETIME);
            assertEquals("not-signed-in", host.expect("error").get("code").asString());
            host.awaitClosed();
        }
    }
}
