package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour of a send/receive context pair for both profiles: round trips, replay, rollover, bad input. */
class SrtpRoundTripTest {

    private static final int SLACK = 20;
    private static final int SSRC = 0x0badcafe;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripRestoresPacketsOfEverySize(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        int seq = 1000;
        for (int payload : new int[] {0, 1, 15, 16, 17, 100, 1200}) {
            byte[] rtp = SrtpPackets.rtp(seq++, SSRC, payload);
            byte[] wire = pair.protect(rtp);

            assertEquals(rtp.length + profile.rtpTagLength(), wire.length);
            if (payload > 0) {
                assertNotEquals(Hex.string(rtp, 12, payload), Hex.string(wire, 12, payload));
            }
            assertArrayEquals(rtp, pair.unprotect(wire));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpHeaderWithCsrcsAndExtensionStaysInTheClearAndAuthenticated(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] rtp = Hex.bytes("""
                92 6f 0010 00000001 0badcafe  01020304 05060708
                bede 0001 10ff 0000
                aaaaaaaa bbbbbbbb cc""");
        byte[] wire = pair.protect(rtp);

        assertEquals(Hex.string(rtp, 0, 28), Hex.string(wire, 0, 28));
        byte[] tampered = wire.clone();
        tampered[26] ^= 0x01;
        assertEquals(SrtpResult.AUTHENTICATION_FAILED, pair.unprotectResult(tampered));
        assertArrayEquals(rtp, pair.unprotect(wire));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripRestoresThePacketAndCountsTheIndexUp(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] rtcp = SrtpPackets.rtcp(SSRC);
        for (int expectedIndex = 0; expectedIndex < 3; expectedIndex++) {
            byte[] wire = pair.protectRtcp(rtcp);

            assertEquals(rtcp.length + 4 + profile.rtcpTagLength(), wire.length);
            int wordAt = profile.isAead() ? wire.length - 4 : rtcp.length;
            assertEquals(0x8000_0000 | expectedIndex, PacketBytes.readInt(wire, wordAt));
            assertNotEquals(Hex.string(rtcp, 8, 24), Hex.string(wire, 8, 24));
            assertArrayEquals(rtcp, pair.unprotectRtcp(wire));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void duplicateRtpIsDroppedAsReplay(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] wire = pair.protect(SrtpPackets.rtp(7, SSRC, 50));
        pair.unprotect(wire.clone());

        assertEquals(SrtpResult.REPLAYED, pair.unprotectResult(wire.clone()));
        assertEquals(1, pair.receiver.replays());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void outOfOrderWithinTheWindowIsAcceptedAndOlderIsDropped(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        List<byte[]> sent = new ArrayList<>();
        for (int seq = 0; seq <= 200; seq++) {
            sent.add(pair.protect(SrtpPackets.rtp(seq, SSRC, 20)));
        }
        pair.unprotect(sent.get(200).clone());

        assertArrayEquals(SrtpPackets.rtp(137, SSRC, 20), pair.unprotect(sent.get(137).clone()));
        assertArrayEquals(SrtpPackets.rtp(199, SSRC, 20), pair.unprotect(sent.get(199).clone()));
        assertEquals(SrtpResult.REPLAYED, pair.unprotectResult(sent.get(136).clone()));
        assertEquals(SrtpResult.REPLAYED, pair.unprotectResult(sent.get(0).clone()));
        assertEquals(SrtpResult.REPLAYED, pair.unprotectResult(sent.get(137).clone()));
        assertEquals(3, pair.receiver.replays());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rolloverCounterFollowsTheSequenceWrapOnBothSides(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        List<byte[]> sent = new ArrayList<>();
        int[] sequence = {65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3};
        for (int seq : sequence) {
            sent.add(pair.protect(SrtpPackets.rtp(seq, SSRC, 40)));
        }
        // Deliver everything except 65533, which turns up late, after the wrap.
        for (int i = 0; i < sequence.length; i++) {
            if (sequence[i] != 65533) {
                assertArrayEquals(SrtpPackets.rtp(sequence[i], SSRC, 40), pair.unprotect(sent.get(i).clone()));
            }
        }

        assertArrayEquals(SrtpPackets.rtp(65533, SSRC, 40), pair.unprotect(sent.get(3).clone()));
        assertEquals(SrtpResult.REPLAYED, pair.unprotectResult(sent.get(8).clone()));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetsAfterManyWrapsStillDecrypt(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        // Every 20000th sequence number keeps each step inside half the sequence space.
        int seq = 0;
        for (int step = 0; step < 20; step++) {
            byte[] rtp = SrtpPackets.rtp(seq, SSRC, 8);
            assertArrayEquals(rtp, pair.unprotect(pair.protect(rtp)));
            seq = (seq + 20000) & 0xffff;
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void badTagIsDroppedCountedAndLeavesTheBufferUnharmed(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] wire = pair.protect(SrtpPackets.rtp(1, SSRC, 300));
        byte[] next = pair.protect(SrtpPackets.rtp(2, SSRC, 300));
        for (int at : new int[] {wire.length - 1, 20, 3}) {
            byte[] bad = wire.clone();
            bad[at] ^= 0x40;
            byte[] before = bad.clone();

            assertEquals(SrtpResult.AUTHENTICATION_FAILED, pair.unprotectResult(bad));
            assertArrayEquals(before, bad);
        }
        assertEquals(3, pair.receiver.authenticationFailures());
        assertArrayEquals(SrtpPackets.rtp(2, SSRC, 300), pair.unprotect(next));
        assertArrayEquals(SrtpPackets.rtp(1, SSRC, 300), pair.unprotect(wire));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void badSrtcpTagIsDroppedCountedAndLeavesTheBufferUnharmed(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] bad = pair.protectRtcp(SrtpPackets.rtcp(SSRC));
        bad[12] ^= 0x01;
        byte[] before = bad.clone();

        assertEquals(SrtpResult.AUTHENTICATION_FAILED, pair.receiver.unprotectRtcp(bad, 0, bad.length));
        assertArrayEquals(before, bad);
        assertEquals(1, pair.receiver.authenticationFailures());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpReplaysAreDroppedAndReorderingIsAccepted(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] rtcp = SrtpPackets.rtcp(SSRC);
        byte[] first = pair.protectRtcp(rtcp);
        byte[] second = pair.protectRtcp(rtcp);

        assertArrayEquals(rtcp, pair.unprotectRtcp(second.clone()));
        assertArrayEquals(rtcp, pair.unprotectRtcp(first.clone()));
        assertEquals(SrtpResult.REPLAYED, pair.receiver.unprotectRtcp(first, 0, first.length));
        assertEquals(1, pair.receiver.replays());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncatedPacketsAreDroppedWithoutThrowing(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] wire = pair.protect(SrtpPackets.rtp(5, SSRC, 60));
        byte[] rtcpWire = pair.protectRtcp(SrtpPackets.rtcp(SSRC));
        for (int cut = 0; cut < wire.length; cut++) {
            byte[] truncated = Arrays.copyOf(wire, cut);
            assertTrue(pair.receiver.unprotectRtp(truncated, 0, cut) < 0, "RTP cut to " + cut);
        }
        for (int cut = 0; cut < rtcpWire.length; cut++) {
            byte[] truncated = Arrays.copyOf(rtcpWire, cut);
            assertTrue(pair.receiver.unprotectRtcp(truncated, 0, cut) < 0, "RTCP cut to " + cut);
        }
        assertArrayEquals(SrtpPackets.rtp(5, SSRC, 60), pair.unprotect(wire));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void garbageIsDroppedWithoutThrowing(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(120)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] = (byte) (0x80 | garbage[0] & 0x3f);
            }
            int offset = garbage.length == 0 ? 0 : random.nextInt(garbage.length);
            int length = garbage.length - offset;

            assertTrue(pair.receiver.unprotectRtp(garbage.clone(), offset, length) < 0);
            assertTrue(pair.receiver.unprotectRtcp(garbage.clone(), offset, length) < 0);
            pair.sender.protectRtp(garbage.clone(), offset, length);
            pair.sender.protectRtcp(garbage.clone(), offset, length);
        }
        assertEquals(0, pair.receiver.trackedSsrcs());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void buffersAndRangesThatDoNotFitAreMalformed(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] rtp = SrtpPackets.rtp(1, SSRC, 10);

        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(rtp.clone(), 0, rtp.length));
        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(null, 0, 0));
        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(new byte[64], -1, 20));
        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(new byte[64], 60, Integer.MAX_VALUE));
        assertEquals(SrtpResult.MALFORMED, pair.receiver.unprotectRtp(new byte[64], 10, 60));
        assertEquals(SrtpResult.MALFORMED, pair.receiver.unprotectRtcp(null, 0, 40));
        byte[] versionOne = Hex.withRoom(rtp, SLACK);
        versionOne[0] = 0x40;
        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(versionOne, 0, rtp.length));
        byte[] longExtension = Hex.withRoom(Hex.bytes("90 6f 0001 00000000 0badcafe bede 00ff 00000000"), SLACK);
        assertEquals(SrtpResult.MALFORMED, pair.sender.protectRtp(longExtension, 0, 20));
        assertEquals(6, pair.sender.malformed());
        assertEquals(2, pair.receiver.malformed());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void ssrcsBeyondTheLimitAreDroppedAndForgeriesTakeNoSlot(SrtpProfile profile) {
        byte[] exported = new byte[profile.exporterLength()];
        Arrays.fill(exported, (byte) 3);
        SrtpKeyMaterial client = SrtpKeyMaterial.forClient(profile, exported);
        SrtpKeyMaterial server = SrtpKeyMaterial.forServer(profile, exported);
        SrtpSendContext sender = new SrtpSendContext(profile, client.local(), 2);
        SrtpReceiveContext receiver = new SrtpReceiveContext(profile, server.remote(), 2);

        byte[] forged = Hex.withRoom(SrtpPackets.rtp(1, 99, 30), profile.rtpTagLength());
        assertEquals(SrtpResult.AUTHENTICATION_FAILED, receiver.unprotectRtp(forged, 0, forged.length));
        for (int ssrc = 1; ssrc <= 2; ssrc++) {
            byte[] packet = Hex.withRoom(SrtpPackets.rtp(1, ssrc, 30), SLACK);
            int length = sender.protectRtp(packet, 0, 42);
            assertTrue(receiver.unprotectRtp(packet, 0, length) > 0);
        }

        byte[] third = Hex.withRoom(SrtpPackets.rtp(1, 3, 30), SLACK);
        assertEquals(SrtpResult.SSRC_LIMIT, sender.protectRtp(third, 0, 42));
        assertEquals(1, sender.ssrcLimitDrops());
        SrtpSendContext other = new SrtpSendContext(profile, client.local());
        int length = other.protectRtp(third, 0, 42);
        assertEquals(SrtpResult.SSRC_LIMIT, receiver.unprotectRtp(third, 0, length));
        assertEquals(1, receiver.ssrcLimitDrops());
        assertEquals(2, receiver.trackedSsrcs());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void separateSsrcsKeepSeparateState(SrtpProfile profile) {
        Pair pair = new Pair(profile);
        byte[] a = pair.protect(SrtpPackets.rtp(500, 1, 10));
        byte[] b = pair.protect(SrtpPackets.rtp(500, 2, 10));

        assertArrayEquals(SrtpPackets.rtp(500, 1, 10), pair.unprotect(a));
        assertArrayEquals(SrtpPackets.rtp(500, 2, 10), pair.unprotect(b));
        assertEquals(2, pair.receiver.trackedSsrcs());
    }

    /** A DTLS client's send context talking to the relay's (server's) receive context, and back. */
    private static final class Pair {
        final SrtpSendContext sender;
        final SrtpReceiveContext receiver;

        Pair(SrtpProfile profile) {
            byte[] exported = new byte[profile.exporterLength()];
            new Random(profile.id()).nextBytes(exported);
            sender = SrtpKeyMaterial.forClient(profile, exported).newSendContext();
            receiver = SrtpKeyMaterial.forServer(profile, exported).newReceiveContext();
        }

        byte[] protect(byte[] rtp) {
            byte[] buffer = Hex.withRoom(rtp, SLACK);
            int length = sender.protectRtp(buffer, 0, rtp.length);
            assertTrue(length > 0, SrtpResult.describe(length));
            return Arrays.copyOf(buffer, length);
        }

        byte[] protectRtcp(byte[] rtcp) {
            byte[] buffer = Hex.withRoom(rtcp, SLACK);
            int length = sender.protectRtcp(buffer, 0, rtcp.length);
            assertTrue(length > 0, SrtpResult.describe(length));
            return Arrays.copyOf(buffer, length);
        }

        int unprotectResult(byte[] srtp) {
            return receiver.unprotectRtp(srtp, 0, srtp.length);
        }

        byte[] unprotect(byte[] srtp) {
            int length = unprotectResult(srtp);
            assertTrue(length > 0, SrtpResult.describe(length));
            return Arrays.copyOf(srtp, length);
        }

        byte[] unprotectRtcp(byte[] srtcp) {
            int length = receiver.unprotectRtcp(srtcp, 0, srtcp.length);
            assertTrue(length > 0, SrtpResult.describe(length));
            return Arrays.copyOf(srtcp, length);
        }
    }
}
