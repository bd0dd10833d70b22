package dev.hearth.relay.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.stun.IceRole;
import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.stun.StunMessageWriter;
import dev.hearth.relay.stun.StunMessages;
import dev.hearth.relay.transport.IceParameters;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which client address media goes to (RFC 8445 section 8.1.1: the highest-priority nominated pair) and when a
 * pair loses consent (RFC 7675: 30 s without an authenticated Binding request), on the agent's own clock.
 */
class IceLitePairSelectionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long TIMEOUT = 30 * SECOND;
    // Peer-reflexive priorities as a browser computes them (RFC 8445 section 5.1.2.1): host over relay.
    private static final long HOST = (110L << 24) | (65535L << 8) | 255;
    private static final long RELAYED = (0L << 24) | (65535L << 8) | 255;

    private final IceCredentialGenerator generator = new IceCredentialGenerator(new SecureRandom());
    private final IceParameters local = generator.next();
    private final IceLiteAgent agent = new IceLiteAgent(local, 0);
    private final InetSocketAddress wifi = new InetSocketAddress("127.0.0.1", 5001);
    private final InetSocketAddress turn = new InetSocketAddress("127.0.0.1", 5002);

    @BeforeEach
    void knowTheClient() {
        agent.setRemoteUfrag("client");
    }

    @Test
    void theHigherPriorityNominatedPairIsSelectedEvenWhenTheLowerOneWasNominatedLast() {
        assertTrue(agent.check(check(local, HOST, true), wifi, SECOND).accepted());
        assertTrue(agent.check(check(local, RELAYED, true), turn, 2 * SECOND).accepted());

        assertEquals(wifi, agent.selected());
    }

    @Test
    void aHigherPriorityNominationTakesOver() {
        agent.check(check(local, RELAYED, true), turn, SECOND);
        assertEquals(turn, agent.selected());

        agent.check(check(local, HOST, true), wifi, 2 * SECOND);
        assertEquals(wifi, agent.selected());
    }

    @Test
    void betweenEqualPrioritiesTheLatestNominationWins() {
        agent.check(check(local, HOST, true), wifi, SECOND);
        agent.check(check(local, HOST, true), turn, 2 * SECOND);

        assertEquals(turn, agent.selected());
    }

    @Test
    void aValidatedButNotNominatedPairDoesNotTakeOverANominatedOne() {
        agent.check(check(local, RELAYED, true), turn, SECOND);
        agent.check(check(local, HOST, false), wifi, 2 * SECOND);

        assertEquals(turn, agent.selected());
    }

    @Test
    void pairPriorityFollowsRfc8445WithTheRelayAsControlledAgent() {
        long relay = IceLiteAgent.LOCAL_CANDIDATE_PRIORITY;
        assertEquals((1L << 32) * HOST + 2 * relay + 0, IceLiteAgent.pairPriority(HOST));
        assertEquals((1L << 32) * relay + 2 * 0xFFFF_FFFFL + 1, IceLiteAgent.pairPriority(0xFFFF_FFFFL));
    }

    @Test
    void consentIsPerPairAndLossSwitchesToTheNextBestNominatedPair() {
        agent.check(check(local, HOST, true), wifi, 0);
        agent.check(check(local, RELAYED, true), turn, 0);
        for (long t = 5; t <= 35; t += 5) {
            agent.check(check(local, RELAYED, false), turn, t * SECOND); // only the TURN pair keeps checking
        }

        assertEquals(List.of(), agent.expireConsent(30 * SECOND, TIMEOUT), "30 s is not yet more than 30 s");
        assertEquals(wifi, agent.selected());

        assertEquals(List.of(wifi), remotes(agent.expireConsent(31 * SECOND, TIMEOUT)));
        assertEquals(turn, agent.selected());
        assertFalse(agent.isValidated(wifi), "a pair without consent is forgotten");
        assertTrue(agent.hasConsent());
    }

    @Test
    void withoutAnyPairWithConsentTheTransportLosesConsent() {
        agent.check(check(local, HOST, true), wifi, 0);
        agent.check(check(local, RELAYED, true), turn, 10 * SECOND);

        assertEquals(List.of(wifi), remotes(agent.expireConsent(35 * SECOND, TIMEOUT)));
        assertTrue(agent.hasConsent());
        assertEquals(List.of(turn), remotes(agent.expireConsent(41 * SECOND, TIMEOUT)));
        assertFalse(agent.hasConsent());
        assertNull(agent.selected());
    }

    @Test
    void aClientThatNeverChecksLosesConsentFromTheStart() {
        assertTrue(agent.hasConsent());
        agent.expireConsent(29 * SECOND, TIMEOUT);
        assertTrue(agent.hasConsent());
        agent.expireConsent(31 * SECOND, TIMEOUT);
        assertFalse(agent.hasConsent());
    }

    @Test
    void libniceKeepalivesKeepConsentRequestsWithoutUseCandidateAndIndications() {
        agent.check(check(local, HOST, true), wifi, 0);
        agent.check(check(local, HOST, false), wifi, 25 * SECOND); // consent request on the selected pair
        assertTrue(agent.keepalive(wifi, 50 * SECOND));               // Binding indication
        assertTrue(agent.keepalive(wifi, 75 * SECOND));

        assertEquals(List.of(), remotes(agent.expireConsent(100 * SECOND, TIMEOUT)));
        assertEquals(wifi, agent.selected());
        assertTrue(agent.hasConsent());
    }

    @Test
    void anIndicationFromAnAddressThatNeverPassedACheckIsIgnored() {
        agent.check(check(local, HOST, true), wifi, 0);

        assertFalse(agent.keepalive(turn, SECOND));
        assertFalse(agent.isValidated(turn));
    }

    @Test
    void afterAnIceRestartTheNewGenerationsNominationWinsOverAnOlderHigherPriorityOne() {
        agent.check(check(local, HOST, true), wifi, 0);
        IceParameters fresh = generator.next();
        agent.restart(fresh);
        agent.setRemoteUfrag("client2");

        agent.check(check(fresh, "client2", RELAYED, true), turn, SECOND);

        assertEquals(turn, agent.selected(), "the old generation's nomination ended with the restart");
    }

    @Test
    void onlyAddressesCheckedWithTheLatestCredentialsCountAsValidatedSinceTheRestart() {
        agent.check(check(local, HOST, true), wifi, 0);
        assertTrue(agent.validatedSinceRestart(IceLiteAgent.SOLE_LOCAL, wifi));
        IceParameters fresh = generator.next();
        agent.restart(fresh);
        agent.setRemoteUfrag("client2");
        assertFalse(agent.validatedSinceRestart(IceLiteAgent.SOLE_LOCAL, wifi));

        agent.check(check(fresh, "client2", RELAYED, true), turn, SECOND);

        assertTrue(agent.validatedSinceRestart(IceLiteAgent.SOLE_LOCAL, turn));
        assertFalse(agent.validatedSinceRestart(IceLiteAgent.SOLE_LOCAL, wifi), "still validated, but only with the old credentials");
        assertTrue(agent.isValidated(wifi));
    }

    private static StunMessage check(IceParameters local, long priority, boolean nominate) {
        return check(local, "client", priority, nominate);
    }

    private static StunMessage check(IceParameters local, String remoteUfrag, long priority, boolean nominate) {
        byte[] buffer = new byte[256];
        StunMessageWriter writer = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_REQUEST, new byte[12], 0)
                .username(local.ufrag() + ":" + remoteUfrag)
                .priority(priority)
                .iceRole(IceRole.CONTROLLING, 1);
        if (nominate) {
            writer.useCandidate();
        }
        int length = writer.messageIntegrity(local.password().getBytes(StandardCharsets.UTF_8)).fingerprint().length();
        StunMessage message = new StunMessage();
        assertTrue(message.wrap(Arrays.copyOf(buffer, length), 0, length));
        return message;
    }

    private static List<InetSocketAddress> remotes(List<CandidatePair> pairs) {
        return pairs.stream().map(CandidatePair::remote).toList();
    }
}
