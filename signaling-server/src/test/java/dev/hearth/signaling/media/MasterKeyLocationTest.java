package dev.hearth.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.config.HearthSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A master key in the data directory sits beside everything it protects: whoever copies the directory (a backup, a
 * stolen disk) can read every recording. Start-up says so on every start, not only the first.
 */
@ExtendWith(OutputCaptureExtension.class)
class MasterKeyLocationTest {

    private static final String EVENT = "event=master_key_in_data_dir";

    @TempDir
    Path dataDir;

    private HearthSettings settings(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put(HearthSettings.DATA_DIR, dataDir.toString());
        return HearthSettings.fromEnvironment(env);
    }

    private static List<String> warnings(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains(EVENT)).toList();
    }

    @Test
    void theEmbeddedDefaultWarnsOnceAtEveryStartAndSaysWhatToDo(CapturedOutput output) throws Exception {
        new MediaRelayConfiguration().recordingMasterKey(settings(Map.of()));
        assertTrue(Files.exists(dataDir.resolve("master.key")));
        List<String> first = warnings(output);
        assertEquals(1, first.size(), output.getAll());
        assertTrue(first.get(0).contains("WARN"), first.get(0));
        assertTrue(first.get(0).contains(HearthSettings.MASTER_KEY), "names the setting that moves the key");
        assertTrue(first.get(0).contains(dataDir.resolve("master.key").toString()), "names the file");

        String key = Files.readString(dataDir.resolve("master.key")).trim();
        new MediaRelayConfiguration().recordingMasterKey(settings(Map.of()));
        assertEquals(2, warnings(output).size(), "a later start warns again: the key is still beside the data");
        assertFalse(output.getAll().contains(key), "the key itself is never logged");
    }

    @Test
    void aKeyKeptOutsideTheDataDirectoryIsNotWarnedAbout(CapturedOutput output) {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        new MediaRelayConfiguration().recordingMasterKey(settings(Map.of(HearthSettings.MASTER_KEY, key)));
        assertEquals(List.of(), warnings(output));
        assertFalse(Files.exists(dataDir.resolve("master.key")), "no key file is made when the setting holds the key");
    }

    @Test
    void aKeyFileLeftInTheDataDirectoryAfterMovingTheKeyIsStillWarnedAbout(CapturedOutput output) throws Exception {
        new MediaRelayConfiguration().recordingMasterKey(settings(Map.of()));
        String key = Files.readString(dataDir.resolve("master.key")).trim();
        int before = warnings(output).size();
        new MediaRelayConfiguration().recordingMasterKey(settings(Map.of(HearthSettings.MASTER_KEY, key)));
        List<String> after = warnings(output);
        assertEquals(before + 1, after.size(), output.getAll());
        assertTrue(after.get(after.size() - 1).contains("delete"), after.get(after.size() - 1));
        assertFalse(output.getAll().contains(key), "the key itself is never logged");
    }
}
