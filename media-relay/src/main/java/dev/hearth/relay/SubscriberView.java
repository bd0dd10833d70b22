package dev.hearth.relay;

import java.util.List;
import java.util.Objects;

/**
 * What one subscriber's page shows, as its client reports it: the tiles it renders (whose video, how large in device
 * pixels, pinned or not) and the mode the person chose. The relay sends each video at most at the smallest layer that
 * covers its tile; a video of unknown size (no report yet, a 0×0 tile not laid out yet, a publisher without a tile
 * yet) at the best layer the estimate allows; no video only in {@link Mode#AUDIO_ONLY}; audio always.
 *
 * @param tiles at most {@link #MAX_TILES}, each publisher at most once
 */
public record SubscriberView(List<Tile> tiles, Mode mode) {
    public static final int MAX_TILES = 64;
    /** Larger than any screen; a bigger tile says nothing a 8K tile does not. */
    public static final int MAX_DIMENSION = 8192;

    /** The view before the client has said anything: every video wanted at its best layer. */
    public static final SubscriberView UNKNOWN = new SubscriberView(null, Mode.NORMAL);

    public enum Mode {
        /** Video as the tiles and the estimate allow. */
        NORMAL,
        /** Every video at its lowest layer at most, whatever the estimate. */
        LOW_DATA,
        /** No video at all. */
        AUDIO_ONLY
    }

    /** One rendered tile: the publisher's participant id and the tile's size in device pixels (0×0: not known yet). */
    public record Tile(String participantId, int width, int height, boolean pinned) {
        public Tile {
            Objects.requireNonNull(participantId, "participantId");
            if (width < 0 || height < 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
                throw new IllegalArgumentException("tile size out of range");
            }
        }
    }

    /** {@code tiles} null: no tile reported yet (every publisher's video counts as shown at an unknown size). */
    public SubscriberView {
        Objects.requireNonNull(mode, "mode");
        if (tiles != null) {
            if (tiles.size() > MAX_TILES) {
                throw new IllegalArgumentException("at most " + MAX_TILES + " tiles");
            }
            tiles = List.copyOf(tiles);
            if (tiles.stream().map(Tile::participantId).distinct().count() != tiles.size()) {
                throw new IllegalArgumentException("a publisher has one tile");
            }
        }
    }

    public static SubscriberView of(List<Tile> tiles, Mode mode) {
        return new SubscriberView(Objects.requireNonNull(tiles, "tiles"), mode);
    }
}
