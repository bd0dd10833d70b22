package dev.hearth.bench.media;

import dev.hearth.bench.net.ClientTransport;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One published stream: each {@link #sendFrame()} sends the clip's next frame as RTP (the sdes:mid header
 * extension, as browsers send it, then the payload and the {@link Trailer}) over the participant's publish
 * transport. Called by one pacing thread at a time.
 */
public final class StreamSender {

    private static final int MID_EXTENSION_LENGTH = 8;

    private final MediaClip clip;
    private final ClientTransport transport;
    private final int streamId;
    private final int payloadType;
    private final long ssrc;
    private final int midExtensionId;
    private final byte mid;
    private final byte[] packet = new byte[1500];
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 15);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private int frame;
    private int packetNumber;

    /** @param mid a one-character mid, e.g. '0' */
    public StreamSender(MediaClip clip, ClientTransport transport, int streamId, int payloadType, long ssrc,
            int midExtensionId, char mid) {
        this.clip = clip;
        this.transport = transport;
        this.streamId = streamId;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.midExtensionId = midExtensionId;
        this.mid = (byte) mid;
    }

    public MediaClip clip() {
        return clip;
    }

    public void sendFrame() {
        if (!transport.connected()) {
            return;
        }
        List<byte[]> payloads = clip.frames().get(frame);
        frame = (frame + 1) % clip.frames().size();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] payload = payloads.get(i);
            boolean last = i == payloads.size() - 1;
            int at = header(last);
            System.arraycopy(payload, 0, packet, at, payload.length);
            at += payload.length;
            Trailer.write(packet, at, streamId, packetNumber++, System.nanoTime());
            at += Trailer.LENGTH;
            if (transport.sendRtp(packet, at)) {
                sent.incrementAndGet();
            } else {
                unsent.incrementAndGet();
            }
        }
        timestamp = (timestamp + clip.rtpTicksPerFrame()) & 0xFFFFFFFFL;
    }

    private int header(boolean marker) {
        packet[0] = (byte) 0x90; // version 2, header extension
        packet[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        sequence = (sequence + 1) & 0xFFFF;
        putInt(4, (int) timestamp);
        putInt(8, (int) ssrc);
        // RFC 8285 one-byte header: 0xBEDE, one word of elements: mid (id, length 1), then padding.
        packet[12] = (byte) 0xBE;
        packet[13] = (byte) 0xDE;
        packet[14] = 0;
        packet[15] = 1;
        packet[16] = (byte) (midExtensionId << 4);
        packet[17] = mid;
        packet[18] = 0;
        packet[19] = 0;
        return 12 + MID_EXTENSION_LENGTH;
    }

    private void putInt(int at, int v) {
        packet[at] = (byte) (v >>> 24);
        packet[at + 1] = (byte) (v >>> 16);
        packet[at + 2] = (byte) (v >>> 8);
        packet[at + 3] = (byte) v;
    }

    public long sent() {
        return sent.get();
    }

    public long unsent() {
        return unsent.get();
    }
}
