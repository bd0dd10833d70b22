package dev.hearth.relay.alloc;

/**
 * One track a subscriber receives, as the {@link LayerAllocator} sees it: the publisher's simulcast layers (lowest
 * first, with their resolution and the bitrate the relay measures arriving for each; 0 when the layer is not
 * arriving), whether it is audio, the active speaker or pinned, and the size of the tile the client shows it in.
 * Mutable and reused: the owner updates the measurements and the client's reports as they change, the allocator
 * writes {@link #selectedLayer()}.
 */
public final class SubscribedTrack {
    public static final int PAUSED = -1;
    /** The client has not (yet) reported a tile size for this track: any layer may be useful. */
    public static final int TILE_UNKNOWN = -1;
    public static final int MAX_LAYERS = 4;

    private final boolean audio;
    private final int[] width = new int[MAX_LAYERS];
    private final int[] height = new int[MAX_LAYERS];
    private final long[] bitrateBps = new long[MAX_LAYERS];
    private int layers;
    private boolean activeSpeaker;
    private boolean pinned;
    private int tileWidth = TILE_UNKNOWN;
    private int tileHeight = TILE_UNKNOWN;
    private int selected = PAUSED;
    private long upgradeAffordableSince = -1;

    private SubscribedTrack(boolean audio) {
        this.audio = audio;
    }

    /** An audio track is one stream at {@code bitrateBps} and is always forwarded. */
    public static SubscribedTrack audio(long bitrateBps) {
        SubscribedTrack t = new SubscribedTrack(true);
        t.setLayer(0, 0, 0, bitrateBps);
        return t;
    }

    public static SubscribedTrack video() {
        return new SubscribedTrack(false);
    }

    /** Sets layer {@code index} (0 is the lowest); layers above the highest set do not exist. */
    public SubscribedTrack setLayer(int index, int layerWidth, int layerHeight, long measuredBps) {
        if (index < 0 || index >= MAX_LAYERS) {
            throw new IllegalArgumentException("layer " + index);
        }
        width[index] = layerWidth;
        height[index] = layerHeight;
        bitrateBps[index] = Math.max(0, measuredBps);
        layers = Math.max(layers, index + 1);
        return this;
    }

    public SubscribedTrack setActiveSpeaker(boolean speaking) {
        activeSpeaker = speaking;
        return this;
    }

    public SubscribedTrack setPinned(boolean isPinned) {
        pinned = isPinned;
        return this;
    }

    /** The rendered tile in CSS pixels times device pixel ratio; 0×0 when hidden, {@link #TILE_UNKNOWN} unknown. */
    public SubscribedTrack setTile(int tileW, int tileH) {
        tileWidth = tileW;
        tileHeight = tileH;
        return this;
    }

    /** The layer to forward, or {@link #PAUSED}. */
    public int selectedLayer() {
        return selected;
    }

    public boolean paused() {
        return selected == PAUSED;
    }

    public boolean isAudio() {
        return audio;
    }

    boolean isPriority() {
        return activeSpeaker || pinned;
    }

    long tileArea() {
        return tileWidth < 0 ? Long.MAX_VALUE : (long) tileWidth * Math.max(0, tileHeight);
    }

    int layerCount() {
        return layers;
    }

    long bitrate(int layer) {
        return layer < 0 ? 0 : bitrateBps[layer];
    }

    boolean available(int layer) {
        return layer >= 0 && layer < layers && bitrateBps[layer] > 0;
    }

    /** The lowest arriving layer, or {@link #PAUSED} when none arrives. */
    int lowestAvailable() {
        for (int l = 0; l < layers; l++) {
            if (available(l)) {
                return l;
            }
        }
        return PAUSED;
    }

    /**
     * The highest layer worth sending to this tile: the smallest arriving layer that covers the tile, or the top
     * arriving one when none does; {@link #PAUSED} for a hidden tile.
     */
    int usefulCap() {
        if (tileWidth == 0 || tileHeight == 0) {
            return PAUSED;
        }
        int top = PAUSED;
        for (int l = 0; l < layers; l++) {
            if (!available(l)) {
                continue;
            }
            top = l;
            if (tileWidth != TILE_UNKNOWN && width[l] >= tileWidth && height[l] >= tileHeight) {
                return l;
            }
        }
        return top;
    }

    void select(int layer) {
        selected = layer;
    }

    /** Notes that some upgrade is affordable now; returns since when one has been, without a break. */
    long upgradeAffordable(long nowMicros) {
        if (upgradeAffordableSince < 0) {
            upgradeAffordableSince = nowMicros;
        }
        return upgradeAffordableSince;
    }

    void noUpgrade() {
        upgradeAffordableSince = -1;
    }
}
