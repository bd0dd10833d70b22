package dev.hearth.relay.sdp;

import java.util.Optional;

/** RTP direction of an m-section (RFC 8866 §6.7), seen from the side that wrote the description. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Optional<Direction> fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
