package dev.hearth.relay.recording.vp8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class Vp8FrameAssemblerTest {
    private final List<Vp8Frame> frames = new ArrayList<>();
    private final Vp8FrameAssembler assembler = new Vp8FrameAssembler(frames::add);

    /** A key frame's first bytes: frame tag with P=0, start code, 320x240. */
    private static final byte[] KEY_START = {0x10, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x40, 0x01, (byte) 0xF0, 0x00};
    private static final byte[] INTER_START = {0x11, 0x02, 0x00, 0x05, 0x06, 0x07};

    @Test
    void descriptorLengthCoversEveryExtension() {
        assertEquals(1, Vp8PayloadDescriptor.length(new byte[] {0x10, 1}, 0, 2));
        // X, then I with a 15-bit picture id, L and T/K: 1 + 1 + 2 + 1 + 1.
        byte[] full = {(byte) 0x90, (byte) 0xF0, (byte) 0x80, 0x01, 0x05, 0x20, 0x42};
        assertEquals(6, Vp8PayloadDescriptor.length(full, 0, full.length));
        byte[] shortId = {(byte) 0x90, (byte) 0x80, 0x01, 0x42};
        assertEquals(3, Vp8PayloadDescriptor.length(shortId, 0, shortId.length));
        assertEquals(-1, Vp8PayloadDescriptor.length(new byte[] {(byte) 0x90, (byte) 0x80}, 0, 2));
        assertEquals(-1, Vp8PayloadDescriptor.length(new byte[] {0x10}, 0, 1));
    }

    @Test
    void packetsOfOneTimestampBecomeOneFrameEvenOutOfOrderAndDuplicated() {
        add(11, 3000, true, 0x00, new byte[] {7, 8});
        add(10, 3000, false, 0x10, KEY_START);
        add(10, 3000, false, 0x10, KEY_START);
        assertEquals(1, frames.size());
        Vp8Frame frame = frames.get(0);
        assertTrue(frame.keyframe());
        assertEquals(KEY_START.length + 2, frame.data().length);
        assertArrayEquals(new byte[] {7, 8}, java.util.Arrays.copyOfRange(frame.data(), KEY_START.length,
                KEY_START.length + 2));
        assertEquals(320, Vp8PayloadDescriptor.keyframeWidth(frame.data(), 0));
        assertEquals(240, Vp8PayloadDescriptor.keyframeHeight(frame.data(), 0));
    }

    @Test
    void nothingIsEmittedBeforeTheFirstKeyFrame() {
        add(1, 100, true, 0x10, INTER_START);
        add(2, 200, true, 0x10, KEY_START);
        add(3, 300, true, 0x10, INTER_START);
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).keyframe());
        assertFalse(frames.get(1).keyframe());
    }

    @Test
    void aFrameWithALostPacketIsDroppedWithEverythingUpToTheNextKeyFrame() {
        add(1, 100, true, 0x10, KEY_START);
        add(2, 200, false, 0x10, INTER_START); // its second packet, 3, is lost
        add(4, 300, true, 0x10, INTER_START);
        add(5, 400, true, 0x10, INTER_START);
        add(6, 500, true, 0x10, KEY_START);
        assertEquals(List.of(100L, 500L), frames.stream().map(f -> f.timestamp() - (1L << 32)).toList());
        assertTrue(assembler.droppedFrames() >= 3);
    }

    @Test
    void timestampsAndSequenceNumbersKeepCountingAcrossWrapAround() {
        add(65535, 0xFFFF_FF00L, true, 0x10, KEY_START);
        add(0, 0x0000_0100L, true, 0x10, INTER_START);
        assertEquals(2, frames.size());
        assertEquals(0x200, frames.get(1).timestamp() - frames.get(0).timestamp());
    }

    private void add(int sequence, long timestamp, boolean marker, int descriptor, byte[] data) {
        byte[] payload = new byte[data.length + 1];
        payload[0] = (byte) descriptor;
        System.arraycopy(data, 0, payload, 1, data.length);
        assembler.add(sequence, timestamp, marker, 0, payload, 0, payload.length);
    }
}
