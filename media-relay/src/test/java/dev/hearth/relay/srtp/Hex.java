package dev.hearth.relay.srtp;

import java.util.HexFormat;

/** Hex helpers for transcribed test vectors; whitespace is ignored so vectors can keep the RFC's grouping. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String string(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    /** A copy of {@code data} in an array with {@code slack} spare bytes after it, as the relay's buffers have. */
    static byte[] withRoom(byte[] data, int slack) {
        byte[] buffer = new byte[data.length + slack];
        System.arraycopy(data, 0, buffer, 0, data.length);
        return buffer;
    }
}
