package dev.hearth.relay.rtcp;

import java.util.Arrays;
import java.util.HexFormat;

final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static byte[] written(int length, byte[] buffer) {
        return Arrays.copyOf(buffer, length);
    }
}
