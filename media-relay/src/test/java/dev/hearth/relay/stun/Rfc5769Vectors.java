package dev.hearth.relay.stun;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The sample messages of RFC 5769 section 2, transcribed from the RFC text. */
final class Rfc5769Vectors {
    static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
    static final byte[] TRANSACTION_ID = hex("b7e7a701bc34d686fa87dfae");

    /** 2.1 Sample Request. */
    static final byte[] REQUEST = hex("""
            000100582112a442b7e7a701bc34d686fa87dfae
            80220010 5354554e 20746573 7420636c 69656e74
            00240004 6e0001ff
            80290008 932ff9b1 51263b36
            00060009 6576746a 3a683676 59202020
            00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
            80280004 e57a3bcf""");

    /** 2.2 Sample IPv4 Response: 192.0.2.1 port 32853. */
    static final byte[] IPV4_RESPONSE = hex("""
            0101003c2112a442b7e7a701bc34d686fa87dfae
            8022000b 74657374 20766563 746f7220
            00200008 0001a147 e112a643
            00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
            80280004 c07d4c96""");

    /** 2.3 Sample IPv6 Response: 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
    static final byte[] IPV6_RESPONSE = hex("""
            010100482112a442b7e7a701bc34d686fa87dfae
            8022000b 74657374 20766563 746f7220
            00200014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9
            00080014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
            80280004 c8fb0b4c""");

    private Rfc5769Vectors() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }
}
