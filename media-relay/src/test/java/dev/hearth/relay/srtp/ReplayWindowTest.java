package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void emptyWindowAdmitsAnything() {
        ReplayWindow window = new ReplayWindow();

        assertTrue(window.admits(0));
        assertTrue(window.admits(1L << 40));
        assertEquals(-1, window.highest());
    }

    @Test
    void windowCoversSixtyFourIndicesEndingAtTheHighest() {
        ReplayWindow window = new ReplayWindow();
        window.accept(1000);

        assertFalse(window.admits(1000));
        assertTrue(window.admits(1000 - 63));
        assertFalse(window.admits(1000 - 64));
        assertTrue(window.admits(1001));
    }

    @Test
    void acceptedOlderIndicesAreRememberedAcrossAdvances() {
        ReplayWindow window = new ReplayWindow();
        window.accept(10);
        window.accept(8);
        window.accept(12);

        assertFalse(window.admits(8));
        assertTrue(window.admits(9));
        assertTrue(window.admits(11));
        assertEquals(12, window.highest());
    }

    @Test
    void aJumpBeyondTheWindowForgetsEverythingBehindIt() {
        ReplayWindow window = new ReplayWindow();
        window.accept(5);
        window.accept(5 + 64);

        assertTrue(window.admits(5 + 64 - 1));
        assertFalse(window.admits(5 + 64));
        assertFalse(window.admits(5));
    }
}
