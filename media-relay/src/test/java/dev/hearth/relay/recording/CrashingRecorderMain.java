package dev.hearth.relay.recording;

import dev.hearth.relay.rtp.RtpPacketWriter;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

/**
 * The child process of {@link CrashRecoveryTest}: records a silent Opus stream (a real 20 ms CELT silence frame)
 * into {@code args[0]} with the master key {@code args[1]} until it is killed. It says "recording" once more than
 * a second is on disk.
 */
public final class CrashingRecorderMain {

    private CrashingRecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        MasterKey key = MasterKey.of(Base64.getDecoder().decode(args[1]));
        FileRecordingArchive archive = new FileRecordingArchive(Path.of(args[0]), key, Clock.systemUTC());
        RecordingSession session = archive.create("room-crash", "crash-1");
        long start = System.nanoTime();
        session.resume(start).join();
        int track = session.addTrack(new TrackDescriptor("p-1", "0", "audio", "opus", 48_000, 2));
        byte[] silence = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};
        boolean announced = false;
        for (int i = 0; ; i++) {
            byte[] rtp = new RtpPacketWriter().ssrc(0x5EED_0001L).payloadType(111).sequenceNumber(i & 0xFFFF)
                    .timestamp(i * 960L).payload(silence).toBytes();
            session.writeRtp(track, rtp, 0, rtp.length, System.nanoTime());
            if (!announced && System.nanoTime() - start > 1_500_000_000L) {
                System.out.println("recording");
                System.out.flush();
                announced = true;
            }
            Thread.sleep(20);
        }
    }
}
