package dev.hearth.relay.sdp;

/**
 * Descriptions shaped like what browsers send (Unified Plan), written by hand so each test can see the
 * lines it depends on. Credentials and fingerprints are made up.
 */
final class SdpFixtures {

    private SdpFixtures() {
    }

    static final String FINGERPRINT = "sha-256 "
            + "1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00:1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00";

    /** Chrome publishing camera and microphone, RTX for video, SSRC simulcast (SIM) and a data channel. */
    static final String CHROME_PUBLISH_OFFER = """
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1 2
            a=extmap-allow-mixed
            a=msid-semantic: WMS stream-x
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-ufrag:ChRm
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=ice-options:trickle
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendonly
            a=msid:stream-x mic-1
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:63 red/48000/2
            a=fmtp:63 111/111
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            a=ssrc:1001 cname:chromecname
            a=ssrc:1001 msid:stream-x mic-1
            a=candidate:842163049 1 udp 1677729535 203.0.113.7 61764 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999
            m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 127 121
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-ufrag:ChRm
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=ice-options:trickle
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:1
            a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:13 urn:3gpp:video-orientation
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendonly
            a=msid:stream-x cam-1
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:96 goog-remb
            a=rtcp-fb:96 transport-cc
            a=rtcp-fb:96 ccm fir
            a=rtcp-fb:96 nack
            a=rtcp-fb:96 nack pli
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            a=rtpmap:102 H264/90000
            a=rtcp-fb:102 nack
            a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
            a=rtpmap:103 rtx/90000
            a=fmtp:103 apt=102
            a=rtpmap:127 H264/90000
            a=rtcp-fb:127 nack
            a=rtcp-fb:127 nack pli
            a=fmtp:127 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
            a=rtpmap:121 rtx/90000
            a=fmtp:121 apt=127
            a=ssrc-group:FID 2001 2002
            a=ssrc-group:FID 2003 2004
            a=ssrc-group:FID 2005 2006
            a=ssrc-group:SIM 2005 2003 2001
            a=ssrc:2001 cname:chromecname
            a=ssrc:2001 msid:stream-x cam-1
            a=ssrc:2002 cname:chromecname
            a=ssrc:2003 cname:chromecname
            a=ssrc:2004 cname:chromecname
            a=ssrc:2005 cname:chromecname
            a=ssrc:2006 cname:chromecname
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel
            c=IN IP4 0.0.0.0
            a=ice-ufrag:ChRm
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=ice-options:trickle
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:2
            a=sctp-port:5000
            a=max-message-size:262144
            """.formatted(FINGERPRINT);

    /** Chrome's rid-based simulcast: no SSRCs announced, layers named by rid. */
    static final String CHROME_RID_SIMULCAST_OFFER = """
            v=0
            o=- 100 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=msid-semantic: WMS
            m=video 9 UDP/TLS/RTP/SAVPF 96 97
            c=IN IP4 0.0.0.0
            a=ice-ufrag:RiDs
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:0
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
            a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
            a=sendonly
            a=msid:- cam-2
            a=rtcp-mux
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:* nack
            a=rtcp-fb:96 nack pli
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            a=rid:q send
            a=rid:h send max-width=640;max-height=360
            a=rid:f send
            a=simulcast:send q;h;~f
            """.formatted(FINGERPRINT);

    /** Firefox style: fingerprint at session level, no BUNDLE-only tricks, mids with braces. */
    static final String FIREFOX_STYLE_OFFER = """
            v=0
            o=mozilla...THIS_IS_SDPARTA-99.0 6358170458361049390 0 IN IP4 0.0.0.0
            s=-
            t=0 0
            a=fingerprint:%1$s
            a=group:BUNDLE {a1} {v1}
            a=ice-options:trickle
            a=msid-semantic:WMS *
            m=audio 9 UDP/TLS/RTP/SAVPF 109 101
            c=IN IP4 0.0.0.0
            a=sendrecv
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
            a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1
            a=fmtp:101 0-15
            a=ice-pwd:0123456789abcdef0123456789abcdef
            a=ice-ufrag:f1r3
            a=mid:{a1}
            a=msid:{s1} {t1}
            a=rtcp-mux
            a=rtpmap:109 opus/48000/2
            a=rtpmap:101 telephone-event/8000
            a=setup:actpass
            a=ssrc:3001 cname:{c1}
            m=video 9 UDP/TLS/RTP/SAVPF 120 124
            c=IN IP4 0.0.0.0
            a=sendrecv
            a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
            a=extmap:7 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=fmtp:120 max-fs=12288;max-fr=60
            a=fmtp:124 apt=120
            a=ice-pwd:0123456789abcdef0123456789abcdef
            a=ice-ufrag:f1r3
            a=mid:{v1}
            a=msid:{s1} {t2}
            a=rtcp-fb:120 nack
            a=rtcp-fb:120 nack pli
            a=rtcp-fb:120 ccm fir
            a=rtcp-fb:120 goog-remb
            a=rtcp-fb:120 transport-cc
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:120 VP8/90000
            a=rtpmap:124 rtx/90000
            a=setup:actpass
            a=ssrc:3002 cname:{c1}
            a=ssrc:3003 cname:{c1}
            a=ssrc-group:FID 3002 3003
            """.formatted(FINGERPRINT);

    /**
     * Chromium (M120+) publishing microphone and a camera with {@code sendEncodings} of three rids: rid and
     * repaired-rid extensions, no SSRCs for the video (they are learnt from the rid extension), rid restrictions off.
     */
    static final String CHROMIUM_SIMULCAST_OFFER = """
            v=0
            o=- 7225916112744395187 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1
            a=extmap-allow-mixed
            a=msid-semantic: WMS 3b1c
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-ufrag:Sm1c
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=ice-options:trickle
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendonly
            a=msid:3b1c mic-9
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:63 red/48000/2
            a=fmtp:63 111/111
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            a=ssrc:4101 cname:smcname
            a=ssrc:4101 msid:3b1c mic-9
            m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-ufrag:Sm1c
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=ice-options:trickle
            a=fingerprint:%1$s
            a=setup:actpass
            a=mid:1
            a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:13 urn:3gpp:video-orientation
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
            a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
            a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
            a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
            a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
            a=sendonly
            a=msid:3b1c cam-9
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:96 goog-remb
            a=rtcp-fb:96 transport-cc
            a=rtcp-fb:96 ccm fir
            a=rtcp-fb:96 nack
            a=rtcp-fb:96 nack pli
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            a=rtpmap:102 H264/90000
            a=rtcp-fb:102 goog-remb
            a=rtcp-fb:102 transport-cc
            a=rtcp-fb:102 ccm fir
            a=rtcp-fb:102 nack
            a=rtcp-fb:102 nack pli
            a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
            a=rtpmap:103 rtx/90000
            a=fmtp:103 apt=102
            a=rid:q send
            a=rid:h send
            a=rid:f send
            a=simulcast:send q;h;f
            """.formatted(FINGERPRINT);

    /**
     * Firefox (128+) publishing with three {@code sendEncodings}: attributes in Firefox's alphabetical order, rids
     * h/m/l highest first, one SSRC per layer but no SIM group, max-width restrictions on the rids.
     */
    static final String FIREFOX_SIMULCAST_OFFER = """
            v=0
            o=mozilla...THIS_IS_SDPARTA-128.0 3180419722566226473 0 IN IP4 0.0.0.0
            s=-
            t=0 0
            a=fingerprint:%1$s
            a=group:BUNDLE {a2} {v2}
            a=ice-options:trickle
            a=msid-semantic:WMS *
            m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101
            c=IN IP4 0.0.0.0
            a=sendonly
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level
            a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
            a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1
            a=fmtp:101 0-15
            a=ice-pwd:0123456789abcdef0123456789abcdef
            a=ice-ufrag:f2r4
            a=mid:{a2}
            a=msid:{s2} {t3}
            a=rtcp-mux
            a=rtpmap:109 opus/48000/2
            a=rtpmap:9 G722/8000/1
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=setup:actpass
            a=ssrc:5001 cname:{c2}
            m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125
            c=IN IP4 0.0.0.0
            a=sendonly
            a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
            a=extmap:4 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:5 urn:ietf:params:rtp-hdrext:toffset
            a=extmap:6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
            a=extmap:7 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:8 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
            a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
            a=fmtp:120 max-fs=12288;max-fr=60
            a=fmtp:124 apt=120
            a=fmtp:121 max-fs=12288;max-fr=60
            a=fmtp:125 apt=121
            a=ice-pwd:0123456789abcdef0123456789abcdef
            a=ice-ufrag:f2r4
            a=mid:{v2}
            a=msid:{s2} {t4}
            a=rid:h send max-width=1280;max-height=720
            a=rid:m send max-width=640;max-height=360
            a=rid:l send max-width=320;max-height=180
            a=rtcp-fb:120 nack
            a=rtcp-fb:120 nack pli
            a=rtcp-fb:120 ccm fir
            a=rtcp-fb:120 goog-remb
            a=rtcp-fb:120 transport-cc
            a=rtcp-fb:121 nack
            a=rtcp-fb:121 nack pli
            a=rtcp-fb:121 ccm fir
            a=rtcp-fb:121 goog-remb
            a=rtcp-fb:121 transport-cc
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:120 VP8/90000
            a=rtpmap:124 rtx/90000
            a=rtpmap:121 VP9/90000
            a=rtpmap:125 rtx/90000
            a=setup:actpass
            a=simulcast:send h;m;l
            a=ssrc:5002 cname:{c2}
            a=ssrc:5003 cname:{c2}
            a=ssrc:5004 cname:{c2}
            a=ssrc:5005 cname:{c2}
            a=ssrc:5006 cname:{c2}
            a=ssrc:5007 cname:{c2}
            a=ssrc-group:FID 5002 5003
            a=ssrc-group:FID 5004 5005
            a=ssrc-group:FID 5006 5007
            """.formatted(FINGERPRINT);
}
