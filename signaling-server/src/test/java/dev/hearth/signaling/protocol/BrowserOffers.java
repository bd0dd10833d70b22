package dev.hearth.signaling.protocol;

/** Offers as a browser writes them, for tests that publish through the real relay without ever doing ICE. */
final class BrowserOffers {

    private BrowserOffers() {
    }

    /** What a browser offers for one microphone (the relay checks the syntax, not that ICE will ever happen). */
    static String microphoneOnly() {
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:cl1ent\r\n"
                + "a=ice-pwd:clientpassword0123456789\r\n"
                + "a=fingerprint:sha-256 " + "12:".repeat(31) + "12\r\n"
                + "a=setup:actpass\r\n"
                + "a=mid:a\r\n"
                + "a=sendonly\r\na=msid:s t-a\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + "a=ssrc:1111 cname:c\r\n";
    }
}
