package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2: the AES-CM keystream for a session key and salt with SSRC and index zero. */
class AesCounterModeTest {

    private static final byte[] SESSION_KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] IV = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    @Test
    void keystreamMatchesRfc3711AppendixB2() {
        int blocks = 0xFF02;
        byte[] keystream = new byte[blocks * 16];
        new AesCounterMode(SESSION_KEY).apply(IV, keystream, 0, keystream.length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", Hex.string(keystream, 0x0000 * 16, 16));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", Hex.string(keystream, 0x0001 * 16, 16));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", Hex.string(keystream, 0x0002 * 16, 16));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", Hex.string(keystream, 0xFEFF * 16, 16));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", Hex.string(keystream, 0xFF00 * 16, 16));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", Hex.string(keystream, 0xFF01 * 16, 16));
    }

    @Test
    void partialBlocksAtAnOffsetUseTheSameKeystream() {
        byte[] whole = new byte[40];
        new AesCounterMode(SESSION_KEY).apply(IV, whole, 0, whole.length);
        byte[] shifted = new byte[7 + 37];
        new AesCounterMode(SESSION_KEY).apply(IV, shifted, 7, 37);

        assertEquals(Hex.string(whole, 0, 37), Hex.string(shifted, 7, 37));
        assertEquals("00000000000000", Hex.string(shifted, 0, 7));
    }
}
