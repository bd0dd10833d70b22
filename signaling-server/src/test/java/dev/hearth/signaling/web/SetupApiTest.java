package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First start without HEARTH_ADMIN_PASSWORD: the code on the console is the only way to create the admin. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1"})
class SetupApiTest {

    private static final Pattern CODE = Pattern.compile("\\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\\b");
    private static final String PASSWORD = "the chosen admin passphrase";
    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("hearth-setup-api");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void consoleCodeCreatesTheAdminOnceAndIsNeverLogged(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        assertTrue(api.get("/api/setup", null).body().get("needed").asBoolean());

        Matcher printed = CODE.matcher(output.getOut());
        assertTrue(printed.find(), "the setup code is printed on the console");
        String code = printed.group();
        String logLines = output.getAll().lines().filter(line -> line.contains(" INFO ") || line.contains(" WARN "))
                .reduce("", String::concat);
        assertFalse(logLines.contains(code), "the code must not appear in log lines");

        ApiClient.Reply wrong = api.postJson("/api/setup", Map.of("code", "abcd-efgh-jkmn-pqrs", "password", PASSWORD), null, null);
        assertEquals(403, wrong.status());
        assertEquals("invalid-setup-code", wrong.code());

        ApiClient.Reply weak = api.postJson("/api/setup", Map.of("code", code, "password", "short"), null, null);
        assertEquals(400, weak.status());
        assertEquals("weak-password", weak.code());

        ApiClient.Reply done = api.postJson("/api/setup", Map.of("code", code, "password", PASSWORD), null, null);
        assertEquals(201, done.status());
        assertEquals("admin", done.body().get("username").asText());
        assertFalse(api.get("/api/setup", null).body().get("needed").asBoolean());

        ApiClient.Reply reused = api.postJson("/api/setup", Map.of("code", code, "password", PASSWORD), null, null);
        assertEquals(409, reused.status());
        assertEquals("ADMIN", api.login("admin", PASSWORD).reply().body().get("role").asText());
    }
}
