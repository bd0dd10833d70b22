package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.relay.transport.CandidateAddresses;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The SDP of a real relay transport lists every advertised address twice: a UDP host candidate on the UDP port and
 * a passive ICE-TCP one on the TCP port, IPv4 first, every UDP one before (and above) every TCP one. Publish
 * answers and subscribe offers alike.
 */
class RelayCandidatesTest {

    @Test
    void publishAnswersAndSubscribeOffersCarryUdpAndTcpCandidatesForEveryAddress() {
        List<InetAddress> advertised = List.of(CandidateAddresses.parseLiteral("::1"),
                CandidateAddresses.parseLiteral("127.0.0.1"));
        try (UdpMediaServer server = UdpMediaServer.start(UdpMediaServerConfig.loopback().withAdvertised(advertised));
             InProcessRelayControl relay = new InProcessRelayControl(server)) {
            int udp = server.localAddress().getPort();
            int tcp = server.tcpAddress().getPort();
            List<String> expected = List.of(
                    "udp 127.0.0.1 " + udp + " typ host",
                    "udp ::1 " + udp + " typ host",
                    "tcp 127.0.0.1 " + tcp + " typ host tcptype passive",
                    "tcp ::1 " + tcp + " typ host tcptype passive");

            String answer = relay.publish("r", "alice", ClientSdp.publishOffer("puba", 1111, 2222, 2223));
            String offer = relay.subscribeOffer("r", "bob", false);

            assertEquals(expected, candidates(answer));
            assertEquals(expected, candidates(offer));
            List<Long> priorities = priorities(answer);
            assertEquals(priorities.stream().sorted(java.util.Comparator.reverseOrder()).toList(), priorities,
                    "IPv4 before IPv6, every UDP candidate above every TCP one");
        }
    }

    private static List<Long> priorities(String sdp) {
        return Arrays.stream(sdp.split("\r\n"))
                .filter(line -> line.startsWith("a=candidate:"))
                .map(line -> Long.parseLong(line.split(" ")[3]))
                .distinct()
                .toList();
    }

    /** Each a=candidate line without foundation, component and priority; of the first m-line (BUNDLE). */
    private static List<String> candidates(String sdp) {
        int second = sdp.indexOf("\r\nm=", sdp.indexOf("\r\nm=") + 1);
        String first = second < 0 ? sdp : sdp.substring(0, second);
        return Arrays.stream(first.split("\r\n"))
                .filter(line -> line.startsWith("a=candidate:"))
                .map(line -> line.split(" ", 5))
                .map(part -> part[2] + " " + part[4])
                .toList();
    }
}
