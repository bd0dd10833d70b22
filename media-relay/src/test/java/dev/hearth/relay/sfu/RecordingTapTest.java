package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.recording.FileRecordingArchive;
import dev.hearth.relay.recording.MasterKey;
import dev.hearth.relay.recording.Recorder;
import dev.hearth.relay.recording.RecordingException;
import dev.hearth.relay.recording.RecordingSession;
import dev.hearth.relay.recording.RecordingStatus;
import dev.hearth.relay.recording.TrackDescriptor;
import dev.hearth.relay.rtp.RtpPacketWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's recording calls on fake transports: what is recorded, and above all what is not. */
class RecordingTapTest {
    private static final String ROOM = "room-1";
    private static final long AUDIO_SSRC = 0x0A0A0A01L;

    @TempDir
    Path dataDir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private FakeTransportFactory factory;
    private FileRecordingArchive archive;
    private InProcessRelayControl relay;
    private FakeTransport publisher;
    private int sequence;

    @BeforeEach
    void setUp() {
        factory = new FakeTransportFactory(Runnable::run);
        archive = new FileRecordingArchive(dataDir, MasterKey.of(new byte[32]), Clock.systemUTC());
        relay = new InProcessRelayControl(factory, clock::get, Runnable::run, false, archive);
        relay.publish(ROOM, "alice", ClientSdp.publishOffer("pubalice", AUDIO_SSRC, 0x0B0B0B01L, 0x0C0C0C01L));
        publisher = factory.last();
        publisher.connect();
    }

    @Test
    void aCameraIsAskedAgainUntilItsKeyFrameReachesTheRecording() {
        relay.startRecording(ROOM, "rec-1");
        assertEquals(1, picturesLossesFor(VIDEO_SSRC), "asked once when the recording starts");
        clock.addAndGet(500_000_000L);
        relay.tick();
        assertEquals(0, picturesLossesFor(VIDEO_SSRC), "not again within a second");
        clock.addAndGet(600_000_000L);
        relay.tick();
        assertEquals(1, picturesLossesFor(VIDEO_SSRC), "the answer was lost: asked again");

        sendVideo(true);
        clock.addAndGet(2_000_000_000L);
        relay.tick();
        assertEquals(0, picturesLossesFor(VIDEO_SSRC), "its key frame is in the recording");

        relay.pauseRecording(ROOM, "rec-1");
        relay.resumeRecording(ROOM, "rec-1");
        picturesLossesFor(VIDEO_SSRC);
        sendVideo(false);
        clock.addAndGet(2_000_000_000L);
        relay.tick();
        assertEquals(1, picturesLossesFor(VIDEO_SSRC), "after a resume the export needs a new key frame");
        relay.stopRecording(ROOM, "rec-1");
    }

    @Test
    void aKeyFrameTheWriterDroppedIsAskedForAgain() {
        // A session that drops the first packets it is given, as the real writer does when it falls behind.
        AtomicLong refusals = new AtomicLong(1);
        Recorder dropping = (roomId, recordingId) -> new ForwardingSession(archive.create(roomId, recordingId)) {
            @Override
            public boolean writeRtp(int track, byte[] array, int offset, int length, long arrivalNanos) {
                return refusals.getAndDecrement() <= 0 && super.writeRtp(track, array, offset, length, arrivalNanos);
            }
        };
        relay = new InProcessRelayControl(factory, clock::get, Runnable::run, false, dropping);
        relay.publish(ROOM, "alice", ClientSdp.publishOffer("pubalice", AUDIO_SSRC, VIDEO_SSRC, 0x0C0C0C01L));
        publisher = factory.last();
        publisher.connect();
        relay.startRecording(ROOM, "rec-1");
        picturesLossesFor(VIDEO_SSRC);

        sendVideo(true);
        clock.addAndGet(2_000_000_000L);
        relay.tick();
        assertEquals(1, picturesLossesFor(VIDEO_SSRC), "the key frame never reached the file: asked again");

        sendVideo(true);
        clock.addAndGet(2_000_000_000L);
        relay.tick();
        assertEquals(0, picturesLossesFor(VIDEO_SSRC), "the second key frame was written");
        relay.stopRecording(ROOM, "rec-1");
    }

    /** Passes everything to a real session; tests override what they want to break. */
    private static class ForwardingSession implements RecordingSession {
        private final RecordingSession delegate;

        ForwardingSession(RecordingSession delegate) {
            this.delegate = delegate;
        }

        @Override
        public int addTrack(TrackDescriptor track) {
            return delegate.addTrack(track);
        }

        @Override
        public boolean writeRtp(int track, byte[] array, int offset, int length, long arrivalNanos) {
            return delegate.writeRtp(track, array, offset, length, arrivalNanos);
        }

        @Override
        public CompletableFuture<Void> resume(long atNanos) {
            return delegate.resume(atNanos);
        }

        @Override
        public CompletableFuture<Void> pause(long atNanos) {
            return delegate.pause(atNanos);
        }

        @Override
        public CompletableFuture<Void> stop(long atNanos) {
            return delegate.stop(atNanos);
        }

        @Override
        public long droppedPackets() {
            return delegate.droppedPackets();
        }
    }

    @Test
    void noPacketArrivingAfterThePauseReturnsIsRecorded() throws IOException {
        relay.startRecording(ROOM, "rec-1");
        send(0x11, 10);
        relay.pauseRecording(ROOM, "rec-1");
        send(0x22, 10);
        relay.resumeRecording(ROOM, "rec-1");
        send(0x33, 10);
        relay.stopRecording(ROOM, "rec-1");
        send(0x44, 10);

        byte[] webm = export("rec-1");
        assertTrue(contains(webm, marker(0x11)));
        assertFalse(contains(webm, marker(0x22)), "a packet from the paused interval reached the recording");
        assertTrue(contains(webm, marker(0x33)));
        assertFalse(contains(webm, marker(0x44)), "a packet after the stop reached the recording");
        assertEquals(RecordingStatus.COMPLETE, archive.find("rec-1").orElseThrow().status());
        assertEquals(List.of("alice"), archive.find("rec-1").orElseThrow().participants());
    }

    @Test
    void mutedAudioIsNeverRecorded() throws IOException {
        relay.startRecording(ROOM, "rec-1");
        send(0x11, 5);
        relay.setAudioMuted(ROOM, "alice", true);
        send(0x22, 5);
        relay.stopRecording(ROOM, "rec-1");
        byte[] webm = export("rec-1");
        assertTrue(contains(webm, marker(0x11)));
        assertFalse(contains(webm, marker(0x22)));
    }

    @Test
    void theRecordingOutlivesEveryoneLeavingUntilItIsStopped() {
        relay.startRecording(ROOM, "rec-1");
        relay.closeParticipant(ROOM, "alice");
        relay.pauseRecording(ROOM, "rec-1");
        assertEquals(RecordingStatus.PAUSED, archive.find("rec-1").orElseThrow().status());
        relay.resumeRecording(ROOM, "rec-1");
        relay.stopRecording(ROOM, "rec-1");
        assertEquals(RecordingStatus.COMPLETE, archive.find("rec-1").orElseThrow().status());
    }

    @Test
    void closingTheRoomFinalisesItsRecording() {
        relay.startRecording(ROOM, "rec-1");
        send(0x11, 3);
        relay.closeRoom(ROOM);
        assertEquals(RecordingStatus.COMPLETE, archive.find("rec-1").orElseThrow().status());
    }

    @Test
    void startingTheOpenRecordingAgainResumesItAndAnotherIdConflicts() throws IOException {
        relay.startRecording(ROOM, "rec-1");
        relay.pauseRecording(ROOM, "rec-1");
        relay.startRecording(ROOM, "rec-1");
        send(0x11, 3);
        RecordingException conflict = assertThrows(RecordingException.class,
                () -> relay.startRecording(ROOM, "rec-2"));
        assertEquals(RecordingException.CONFLICT, conflict.code());
        relay.stopRecording(ROOM, "rec-1");
        assertTrue(contains(export("rec-1"), marker(0x11)));
        assertTrue(archive.find("rec-2").map(info -> info.status() == RecordingStatus.COMPLETE).orElse(true));
    }

    @Test
    void resumingAnUnknownRecordingFailsAndPausingOrStoppingItIsHarmless() {
        RecordingException unknown = assertThrows(RecordingException.class,
                () -> relay.resumeRecording(ROOM, "nope"));
        assertEquals(RecordingException.NOT_FOUND, unknown.code());
        relay.pauseRecording(ROOM, "nope");
        relay.stopRecording(ROOM, "nope");
        relay.stopRecording("no-room", "nope");
    }

    @Test
    void aRelayWithoutRecorderSaysSo() {
        InProcessRelayControl plain = new InProcessRelayControl(new FakeTransportFactory(Runnable::run),
                clock::get, Runnable::run, false);
        RecordingException e = assertThrows(RecordingException.class, () -> plain.startRecording(ROOM, "rec-1"));
        assertEquals(RecordingException.UNAVAILABLE, e.code());
    }

    private static final long VIDEO_SSRC = 0x0B0B0B01L;

    /** One single-packet VP8 frame: a key frame (RFC 6386 start code) or a delta frame. */
    private void sendVideo(boolean keyframe) {
        clock.addAndGet(33_000_000L);
        sequence++;
        byte[] payload = new byte[24];
        payload[0] = 0x10;
        payload[1] = (byte) (keyframe ? 0x00 : 0x01);
        payload[4] = (byte) 0x9D;
        payload[5] = 0x01;
        payload[6] = 0x2A;
        byte[] packet = new RtpPacketWriter().ssrc(VIDEO_SSRC).payloadType(ClientSdp.VP8_PT).marker(true)
                .sequenceNumber(sequence).timestamp(sequence * 3000L)
                .extension(ClientSdp.MID_ID, new byte[] {'v'})
                .payload(payload).toBytes();
        publisher.injectRtp(packet, clock.get());
    }

    private long picturesLossesFor(long ssrc) {
        return publisher.takeRtcp().stream()
                .map(b -> dev.hearth.relay.rtcp.PictureLossIndication.parse(b, 0, b.length))
                .filter(pli -> pli != null && pli.mediaSsrc() == ssrc)
                .count();
    }

    private void send(int mark, int count) {
        for (int i = 0; i < count; i++) {
            clock.addAndGet(20_000_000L);
            sequence++;
            byte[] packet = new RtpPacketWriter().ssrc(AUDIO_SSRC).payloadType(ClientSdp.OPUS_PT)
                    .sequenceNumber(sequence).timestamp(sequence * 960L)
                    .extension(ClientSdp.MID_ID, new byte[] {'a'})
                    .payload(marker(mark)).toBytes();
            publisher.injectRtp(packet, clock.get());
        }
    }

    private static byte[] marker(int mark) {
        byte[] payload = new byte[24];
        payload[0] = (byte) 0xFC;
        for (int i = 1; i < payload.length; i++) {
            payload[i] = (byte) mark;
        }
        return payload;
    }

    private byte[] export(String recordingId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archive.exportWebm(recordingId, out);
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
