package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which sockets the relay binds for the addresses it advertises (formerly signaling's MediaRelayConfigurationTest). */
class ListeningAddressesTest {

    private static final InetAddress LOOPBACK4 = CandidateAddresses.parseLiteral("127.0.0.1");
    private static final InetAddress LOOPBACK6 = CandidateAddresses.parseLiteral("::1");
    private static final InetAddress LAN4 = CandidateAddresses.parseLiteral("192.0.2.2");
    private static final InetAddress LAN6 = CandidateAddresses.parseLiteral("2001:db8::2");
    // TEST-NET-3 and the documentation prefix: never an address of this machine.
    private static final InetAddress NAT4 = CandidateAddresses.parseLiteral("203.0.113.7");
    private static final InetAddress NAT6 = CandidateAddresses.parseLiteral("2001:db8:ffff::7");
    private static final InetAddress ANY4 = CandidateAddresses.parseLiteral("0.0.0.0");
    private static final InetAddress ANY6 = CandidateAddresses.parseLiteral("::");

    private static final Set<InetAddress> LOCAL = Set.of(LOOPBACK4, LOOPBACK6, LAN4, LAN6);

    @Test
    void everyLocalAddressGetsItsOwnSocketSoAnswersComeFromTheAddressChecked() {
        assertEquals(List.of(LAN4, LOOPBACK4, LAN6, LOOPBACK6),
                ListeningAddresses.plan(List.of(LAN4, LOOPBACK4, LAN6, LOOPBACK6), LOCAL::contains));
    }

    @Test
    void anIpv4AddressBehindNatListensOnTheIpv4Wildcard() {
        assertEquals(List.of(ANY4), ListeningAddresses.plan(List.of(NAT4), LOCAL::contains));
        assertEquals(List.of(ANY4), ListeningAddresses.plan(List.of(NAT4, LAN4), LOCAL::contains));
    }

    @Test
    void aWildcardWithAnyIpv6AddressIsTheDualStackOneForEverything() {
        assertEquals(List.of(ANY6), ListeningAddresses.plan(List.of(NAT4, LAN6), LOCAL::contains));
        assertEquals(List.of(ANY6), ListeningAddresses.plan(List.of(LAN4, NAT6), LOCAL::contains));
    }

    @Test
    void aNatAddressMakesTheRelayListenOnTheWildcardAndAdvertiseEveryAddressOnTheBoundPorts() {
        try (UdpMediaServer relay = UdpMediaServer.start(UdpMediaServerConfig.loopback()
                .withAdvertised(List.of(NAT4, LOOPBACK4)))) {
            assertEquals(relay.loopCount(), relay.localAddresses().size(), "one wildcard socket per packet loop");
            assertTrue(relay.localAddresses().stream().allMatch(a -> a.getAddress().isAnyLocalAddress()));
            assertTrue(relay.tcpAddress().getAddress().isAnyLocalAddress());
            MediaTransport transport = relay.create(new RecordingListener());
            int udp = relay.localAddress().getPort();
            int tcp = relay.tcpAddress().getPort();
            assertEquals(List.of(new InetSocketAddress(NAT4, udp), new InetSocketAddress(LOOPBACK4, udp)),
                    transport.candidates());
            assertEquals(List.of(new InetSocketAddress(NAT4, tcp), new InetSocketAddress(LOOPBACK4, tcp)),
                    transport.tcpCandidates());
        }
    }

    @Test
    void theRealCheckKnowsLoopbackAndRefusesADocumentationAddress() {
        assertEquals(List.of(LOOPBACK4), ListeningAddresses.plan(List.of(LOOPBACK4)));
        assertEquals(List.of(ANY4), ListeningAddresses.plan(List.of(NAT4)));
    }
}
