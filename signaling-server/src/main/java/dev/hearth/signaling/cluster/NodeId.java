package dev.hearth.signaling.cluster;

import dev.hearth.signaling.identity.RandomIds;

/**
 * One running Hearth process in a cluster: {@code n-} and 16 random base32 characters, new at every start, so a
 * restarted node never mistakes an old lease or an old node's messages for its own.
 */
public record NodeId(String value) {

    private static final String PREFIX = "n-";
    private static final int RANDOM_CHARS = 16;

    public NodeId {
        if (!RandomIds.isBase32Id(value, PREFIX, RANDOM_CHARS)) {
            throw new IllegalArgumentException("not a node id");
        }
    }

    public static NodeId random() {
        return new NodeId(PREFIX + RandomIds.base32(RANDOM_CHARS));
    }

    @Override
    public String toString() {
        return value;
    }
}
