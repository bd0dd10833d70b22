package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void usernamesAreTrimmedAndLowerCased() {
        assertEquals("dr.jones_2-b", Credentials.normalizeUsername("  Dr.Jones_2-B "));
        assertEquals("abc", Credentials.normalizeUsername("abc"));
        assertEquals("a".repeat(32), Credentials.normalizeUsername("A".repeat(32)));
    }

    @Test
    void usernamesOutsideTheRuleAreRefusedWithTheirCode() {
        List<String> bad = Arrays.asList(null, "", "ab", "a".repeat(33), "has space", "name@site", "jos\u00e9",
                "\u212Aelvin", "\u0430dmin", "tab\tname", "semi;colon");
        for (String username : bad) {
            AccountException e = assertThrows(AccountException.class, () -> Credentials.normalizeUsername(username));
            assertEquals(AccountException.INVALID_USERNAME, e.code());
        }
    }

    @Test
    void passwordsNeedTwelveCharactersAndNotOnlySpaces() {
        Credentials.requireStrongPassword("twelve chars");
        for (String weak : Arrays.asList(null, "", "eleven char", " ".repeat(20), "x".repeat(257))) {
            AccountException e = assertThrows(AccountException.class, () -> Credentials.requireStrongPassword(weak));
            assertEquals(AccountException.WEAK_PASSWORD, e.code());
        }
    }

    @Test
    void passwordLengthCountsCharactersNotCodeUnits() {
        // Eleven emoji are 22 UTF-16 units but still only eleven characters.
        String elevenEmoji = "\uD83D\uDE00".repeat(11);
        assertThrows(AccountException.class, () -> Credentials.requireStrongPassword(elevenEmoji));
        Credentials.requireStrongPassword("\uD83D\uDE00".repeat(12));
    }
}
