package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hearth.relay.sdp.Msid;
import dev.hearth.relay.sdp.SdpParser;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docs/protocol.md: in a subscribe offer, each remote track's msid stream id is its owner's participant id. */
class SubscribeStreamIdTest {

    @Test
    void remoteTracksCarryTheirOwnersParticipantIdAsStreamId() {
        RelayHarness h = new RelayHarness();
        h.publish("p3j7kq2m9x4v8c1b6n5zt", 0x1001, 0x1002, 0x1003);
        h.publish("p8c1b6n5zt3j7kq2m9x4v", 0x2001, 0x2002, 0x2003);

        String offer = h.relay.subscribeOffer(RelayHarness.ROOM, "p8c1b6n5zt3j7kq2m9x4v", false);

        assertEquals(Set.of("p3j7kq2m9x4v8c1b6n5zt"), streamIds(offer));
    }

    @Test
    void idThatIsNoMsidTokenGetsARandomStreamIdInstead() {
        RelayHarness h = new RelayHarness();
        String tooLong = "p".repeat(65);
        h.publish(tooLong, 0x1001, 0x1002, 0x1003);
        h.publish("bob", 0x2001, 0x2002, 0x2003);

        Set<String> streams = streamIds(h.relay.subscribeOffer(RelayHarness.ROOM, "bob", false));

        assertEquals(1, streams.size());
        assertFalse(streams.contains(tooLong));
    }

    private static Set<String> streamIds(String offer) {
        return SdpParser.parse(offer).media().stream()
                .flatMap(m -> m.msids().stream())
                .map(Msid::streamId)
                .collect(Collectors.toSet());
    }
}
