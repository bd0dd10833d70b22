package dev.hearth.relay.recording;

import dev.hearth.relay.recording.vp8.Vp8Frame;
import dev.hearth.relay.recording.vp8.Vp8FrameAssembler;
import dev.hearth.relay.recording.vp8.Vp8PayloadDescriptor;
import dev.hearth.relay.recording.webm.WebmMuxer;
import dev.hearth.relay.recording.webm.WebmTrack;
import dev.hearth.relay.rtp.RtpPacket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Turns a recording into one WebM file with a track per participant and kind (VP8 video, Opus audio), decrypting
 * on the fly in two passes over the encrypted file: the first finds the tracks, their picture sizes and the
 * recorded time, the second writes the blocks. Nothing decrypted is ever written to disk.
 *
 * <p>Time: each packet's arrival time, with every paused interval removed, anchors its stream; within a stretch of
 * recording, frame times follow the RTP timestamps (90 kHz video, 48 kHz Opus), which are smoother than arrival.
 * A stream re-anchors after every resume, when its SSRC changes, or when RTP time drifts a second from arrival.
 */
final class WebmExporter {
    /** How long a frame may wait for earlier frames of other tracks before it is written. */
    private static final long REORDER_WINDOW_MS = 1_000;
    private static final long MAX_DRIFT_MICROS = 1_000_000;

    /** Reads the recording from the start, once per call. */
    interface Source {
        RecordingReader.ReadSummary read(RecordVisitor visitor);
    }

    private final Source source;

    WebmExporter(Source source) {
        this.source = source;
    }

    void export(OutputStream out) throws IOException {
        Survey survey = new Survey();
        source.read(survey);
        List<WebmTrack> tracks = new ArrayList<>();
        Map<Integer, Stream> streams = new HashMap<>();
        Map<String, Integer> namesUsed = new HashMap<>();
        for (int index = 0; index < survey.summary.tracks().size(); index++) {
            TrackDescriptor descriptor = survey.summary.tracks().get(index);
            if (descriptor == null) {
                continue;
            }
            String name = descriptor.participantId() + " " + descriptor.kind();
            int seen = namesUsed.merge(name, 1, Integer::sum);
            if (seen > 1) {
                name = name + " " + seen;
            }
            int number = tracks.size() + 1;
            if (number > 126) {
                break;
            }
            WebmTrack track = null;
            if (descriptor.isVideo() && descriptor.codec().equalsIgnoreCase("VP8")) {
                int[] size = survey.pictureSizes.get(index);
                if (size != null) {
                    track = WebmTrack.vp8(number, name, size[0], size[1]);
                }
            } else if (!descriptor.isVideo() && descriptor.codec().equalsIgnoreCase("opus")
                    && survey.packets.getOrDefault(index, 0L) > 0) {
                track = WebmTrack.opus(number, name, Math.min(2, Math.max(1, descriptor.channels())));
            }
            if (track != null) {
                tracks.add(track);
                streams.put(index, new Stream(track, descriptor.clockRate()));
            }
        }
        WebmMuxer muxer = new WebmMuxer(out);
        double durationMs = Math.max(survey.summary.recordedMicros(), survey.lastExportMicros) / 1000.0;
        muxer.writeHeader(tracks, Math.max(1.0, durationMs));
        Writer writer = new Writer(streams, muxer);
        try {
            source.read(writer);
            writer.drain(Long.MAX_VALUE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        muxer.finish();
    }

    /** Maps arrival times to exported time: recording time with every paused interval removed. */
    private static class Timeline implements RecordVisitor {
        long origin = -1;
        long pausedTotal;
        long pausedSince = -1;
        int segment;

        @Override
        public void mark(RecordType type, long atMicros) {
            if (type == RecordType.RESUME) {
                if (origin < 0) {
                    origin = atMicros;
                } else if (pausedSince >= 0) {
                    pausedTotal += Math.max(0, atMicros - pausedSince);
                }
                pausedSince = -1;
                segment++;
            } else if (pausedSince < 0) {
                pausedSince = atMicros;
            }
        }

        long exportMicros(long arrivalMicros) {
            return Math.max(0, arrivalMicros - Math.max(0, origin) - pausedTotal);
        }
    }

    /** First pass: tracks, packet counts, the first key frame's picture size, the recorded time. */
    private static final class Survey extends Timeline {
        final RecordingSummary summary = new RecordingSummary();
        final Map<Integer, int[]> pictureSizes = new HashMap<>();
        final Map<Integer, Long> packets = new HashMap<>();
        final RtpPacket packet = new RtpPacket();
        long lastExportMicros;

        @Override
        public void track(int index, TrackDescriptor track) {
            summary.track(index, track);
        }

        @Override
        public void mark(RecordType type, long atMicros) {
            super.mark(type, atMicros);
            summary.mark(type, atMicros);
        }

        @Override
        public void rtp(int track, long arrivalMicros, byte[] array, int offset, int length) {
            summary.rtp(track, arrivalMicros, array, offset, length);
            lastExportMicros = Math.max(lastExportMicros, exportMicros(arrivalMicros));
            packets.merge(track, 1L, Long::sum);
            if (pictureSizes.containsKey(track) || !packet.wrap(array, offset, length)) {
                return;
            }
            int payload = packet.payloadOffset();
            int payloadLength = packet.payloadLength();
            int descriptor = Vp8PayloadDescriptor.length(array, payload, payloadLength);
            if (descriptor > 0 && Vp8PayloadDescriptor.startsFrame(array, payload)
                    && Vp8PayloadDescriptor.isKeyframe(array, payload + descriptor, payloadLength - descriptor)) {
                int width = Vp8PayloadDescriptor.keyframeWidth(array, payload + descriptor);
                int height = Vp8PayloadDescriptor.keyframeHeight(array, payload + descriptor);
                if (width > 0 && height > 0) {
                    pictureSizes.put(track, new int[] {width, height});
                }
            }
        }
    }

    /** One exported track's clock state. */
    private static final class Stream {
        final WebmTrack track;
        final int clockRate;
        int segment = -1;
        long ssrc = -1;
        long lastTimestamp = -1;
        boolean anchored;
        long anchorTimestamp;
        long anchorMicros;
        long lastQueuedMs = -1;
        /** The last exported time and the step before it, in microseconds; -1 before the first. */
        long lastTimeMicros = -1;
        long lastStepMicros = -1;

        Stream(WebmTrack track, int clockRate) {
            this.track = track;
            this.clockRate = clockRate;
        }

        /** Exported time in microseconds of an extended RTP timestamp that arrived at {@code arrivalMicros}. */
        long time(long timestamp, long arrivalMicros) {
            long time = anchorMicros + (timestamp - anchorTimestamp) * 1_000_000L / clockRate;
            if (!anchored || Math.abs(time - arrivalMicros) > MAX_DRIFT_MICROS) {
                long anchor = arrivalMicros;
                if (!anchored && lastStepMicros > 0) {
                    // After a resume the times before the pause ran on RTP time, which can be ahead of arrival by
                    // the first frame's delay; anchoring on arrival alone could then put the first frame after the
                    // pause within a millisecond of the last one before it, which players and ffmpeg read as two
                    // frames at one instant. One step of the stream's own cadence is the honest minimum gap.
                    anchor = Math.max(anchor, lastTimeMicros + lastStepMicros);
                }
                anchored = true;
                anchorTimestamp = timestamp;
                anchorMicros = anchor;
                time = anchor;
            }
            if (lastTimeMicros >= 0 && time > lastTimeMicros && time - lastTimeMicros < MAX_DRIFT_MICROS) {
                lastStepMicros = time - lastTimeMicros;
            }
            lastTimeMicros = Math.max(lastTimeMicros, time);
            return time;
        }
    }

    private record Block(WebmTrack track, long timeMs, long order, boolean keyframe, byte[] data) {
    }

    /** Second pass: frames into time-ordered blocks. */
    private static final class Writer extends Timeline {
        private final Map<Integer, Stream> streams;
        private final WebmMuxer muxer;
        private final RtpPacket packet = new RtpPacket();
        private final PriorityQueue<Block> queue = new PriorityQueue<>(
                Comparator.comparingLong(Block::timeMs).thenComparingLong(Block::order));
        private final Map<Integer, Vp8FrameAssembler> assemblers = new HashMap<>();
        private long order;
        private long lastWrittenMs;
        private long newestMs;

        Writer(Map<Integer, Stream> streams, WebmMuxer muxer) {
            this.streams = streams;
            this.muxer = muxer;
            for (Map.Entry<Integer, Stream> entry : streams.entrySet()) {
                if (entry.getValue().track.video()) {
                    Stream stream = entry.getValue();
                    assemblers.put(entry.getKey(), new Vp8FrameAssembler(frame -> videoFrame(stream, frame)));
                }
            }
        }

        @Override
        public void rtp(int track, long arrivalMicros, byte[] array, int offset, int length) {
            Stream stream = streams.get(track);
            if (stream == null || !packet.wrap(array, offset, length) || packet.payloadLength() <= 0) {
                return;
            }
            long exportMicros = exportMicros(arrivalMicros);
            Vp8FrameAssembler assembler = assemblers.get(track);
            if (stream.segment != segment || stream.ssrc != packet.ssrc()) {
                // After a pause the frames in between are missing; after an SSRC change the timestamps restart.
                stream.segment = segment;
                stream.ssrc = packet.ssrc();
                stream.anchored = false;
                stream.lastTimestamp = -1;
                if (assembler != null) {
                    assembler.restart();
                }
            }
            if (assembler != null) {
                assembler.add(packet.sequenceNumber(), packet.timestamp(), packet.marker(), exportMicros, array,
                        packet.payloadOffset(), packet.payloadLength());
                return;
            }
            long timestamp = extend(packet.timestamp(), stream.lastTimestamp);
            stream.lastTimestamp = Math.max(stream.lastTimestamp, timestamp);
            byte[] frame = new byte[packet.payloadLength()];
            System.arraycopy(array, packet.payloadOffset(), frame, 0, frame.length);
            queue(stream, stream.time(timestamp, exportMicros), true, frame, exportMicros);
        }

        private void videoFrame(Stream stream, Vp8Frame frame) {
            queue(stream, stream.time(frame.timestamp(), frame.arrivalMicros()), frame.keyframe(), frame.data(),
                    frame.arrivalMicros());
        }

        private void queue(Stream stream, long timeMicros, boolean keyframe, byte[] data, long arrivalMicros) {
            long timeMs = Math.max(timeMicros / 1000, stream.lastQueuedMs + 1);
            stream.lastQueuedMs = timeMs;
            queue.add(new Block(stream.track, timeMs, order++, keyframe, data));
            newestMs = Math.max(newestMs, arrivalMicros / 1000);
            drain(newestMs - REORDER_WINDOW_MS);
        }

        /** The 32-bit RTP timestamp nearest the stream's last one, so wrap-around keeps counting up. */
        private static long extend(long timestamp, long reference) {
            if (reference < 0) {
                return timestamp + (1L << 32);
            }
            long candidate = (reference & ~0xFFFF_FFFFL) | timestamp;
            if (candidate - reference > (1L << 31)) {
                candidate -= 1L << 32;
            } else if (reference - candidate > (1L << 31)) {
                candidate += 1L << 32;
            }
            return candidate;
        }

        void drain(long upToMs) {
            try {
                while (!queue.isEmpty() && queue.peek().timeMs() <= upToMs) {
                    Block block = queue.poll();
                    long timeMs = Math.max(block.timeMs(), lastWrittenMs);
                    lastWrittenMs = timeMs;
                    muxer.writeBlock(block.track(), timeMs, block.keyframe(), block.data(), 0, block.data().length);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
