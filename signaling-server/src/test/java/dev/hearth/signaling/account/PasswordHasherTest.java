package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Light parameters: the algorithm is the same, only cheaper. */
    static final PasswordHasher LIGHT = new PasswordHasher(256, 1, 1);

    @Test
    void verifiesTheReferenceImplementationsArgon2idVector() {
        // From the Argon2 reference implementation's test suite (P-H-C/phc-winner-argon2, src/test.c).
        String reference = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        assertTrue(LIGHT.verify("password", reference));
        assertFalse(LIGHT.verify("passwore", reference));
    }

    @Test
    void defaultsAreOwaspMinimumInPhcFormat() {
        String hash = PasswordHasher.owaspMinimum().hash("correct horse battery");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void rightPasswordVerifiesAndWrongDoesNot() {
        String hash = LIGHT.hash("correct horse battery");
        assertTrue(LIGHT.verify("correct horse battery", hash));
        assertFalse(LIGHT.verify("correct horse batterY", hash));
        assertFalse(LIGHT.verify("", hash));
        assertFalse(LIGHT.verify(null, hash));
    }

    @Test
    void samePasswordGetsADifferentSaltEachTime() {
        assertNotEquals(LIGHT.hash("correct horse battery"), LIGHT.hash("correct horse battery"));
    }

    @Test
    void storedParametersWinOverTheHashersOwn() {
        String hash = new PasswordHasher(128, 2, 2).hash("correct horse battery");
        assertTrue(hash.contains("m=128,t=2,p=2"));
        assertTrue(LIGHT.verify("correct horse battery", hash));
    }

    @Test
    void unicodeNormalisationMakesEquivalentInputsEqual() {
        String composed = "caf\u00e9 au lait ok";
        String decomposed = "cafe\u0301 au lait ok";
        assertTrue(LIGHT.verify(decomposed, LIGHT.hash(composed)));
    }

    @Test
    void malformedOrHostileHashesNeverVerify() {
        String good = LIGHT.hash("correct horse battery");
        for (String bad : List.of("", "plain", good.replace("argon2id", "argon2i"), good.replace("v=19", "v=16"),
                "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=999,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=8,t=1,p=4$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQx$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4")) {
            assertFalse(LIGHT.verify("correct horse battery", bad), bad);
        }
        assertFalse(LIGHT.verify("correct horse battery", null));
    }

    @Test
    void refusesParametersOutsideTheSafeRange() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(256, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(256, 1, 0));
    }
}
