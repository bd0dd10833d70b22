package dev.hearth.relay.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import org.junit.jupiter.api.Test;

class IceLiteAgentTest {

    private static final long SECOND = 1_000_000_000L;
    private final IceCredentialGenerator generator = new IceCredentialGenerator(new SecureRandom());
    private final IceParameters local = generator.next();
    private final IceLiteAgent agent = new IceLiteAgent(local, 0);

    @Test
    void acceptedCheckValidatesTheSourceAndSignsWithTheLocalPassword() {
        agent.setRemoteUfrag("client");
        InetSocketAddress source = address(5000);

        IceCheckResult result = agent.check(check(local, "client", IceRole.CONTROLLING, false), source, SECOND);

        assertTrue(result.accepted());
        assertEquals(local.password(), new String(result.responseKey(), StandardCharsets.UTF_8));
        assertTrue(agent.isValidated(source));
        assertEquals(source, agent.selected(), "the first valid address serves until a nomination");
        assertFalse(result.nominated());
    }

    @Test
    void bothSidesControlledIsARoleConflict() {
        agent.setRemoteUfrag("client");

        IceCheckResult result = agent.check(check(local, "client", IceRole.CONTROLLED, true), address(1), 0);

        assertEquals(IceCheckVerdict.ROLE_CONFLICT, result.verdict());
        assertFalse(agent.isValidated(address(1)));
    }

    @Test
    void consentExpiresOnlyAfterTheTimeoutWithoutAValidCheck() {
        agent.setRemoteUfrag("client");
        agent.check(check(local, "client", IceRole.CONTROLLING, true), address(1), 10 * SECOND);

        agent.expireConsent(39 * SECOND, 30 * SECOND);
        assertTrue(agent.hasConsent());
        agent.expireConsent(41 * SECOND, 30 * SECOND);
        assertFalse(agent.hasConsent());
    }

    @Test
    void validatedAddressesAreBoundedAndTheSelectedOneIsKept() {
        agent.setRemoteUfrag("client");
        agent.check(check(local, "client", IceRole.CONTROLLING, true), address(1), 0);
        InetSocketAddress firstEvicted = null;
        for (int port = 2; port <= IceLiteAgent.MAX_VALIDATED_ADDRESSES + 2; port++) {
            IceCheckResult result = agent.check(check(local, "client", IceRole.CONTROLLING, false), address(port), 0);
            if (firstEvicted == null) {
                firstEvicted = result.evicted() == null ? null : result.evicted().remote();
            }
        }

        assertEquals(IceLiteAgent.MAX_VALIDATED_ADDRESSES, agent.validatedAddresses().size());
        assertEquals(address(2), firstEvicted, "the least recently checked address that is not selected goes");
        assertTrue(agent.isValidated(address(1)));
    }

    @Test
    void secondRestartWithoutACheckRetiresTheOldestGeneration() {
        IceParameters second = generator.next();
        IceParameters third = generator.next();

        assertNull(agent.restart(second));
        assertEquals(local.ufrag(), agent.restart(third));
        assertEquals(second, agent.previousLocal());
        assertThrows(IllegalArgumentException.class, () -> agent.restart(third));
    }

    @Test
    void generatedCredentialsHaveTheRequiredLengthAndAlphabet() {
        IceParameters parameters = generator.next();
        assertEquals(IceCredentialGenerator.UFRAG_LENGTH, parameters.ufrag().length());
        assertEquals(IceCredentialGenerator.PASSWORD_LENGTH, parameters.password().length());
        assertTrue((parameters.ufrag() + parameters.password()).matches("[A-Za-z0-9+/]+"));
    }

    @Test
    void usernameSplitsIntoLocalAndRemoteUfrag() {
        StunMessage message = check(local, "cli:ent", IceRole.CONTROLLING, false);
        assertEquals(local.ufrag(), IceUsername.localUfrag(message));
        assertEquals("cli:ent", IceUsername.remoteUfrag(message));
    }

    private static StunMessage check(IceParameters local, String remoteUfrag, IceRole role, boolean nominate) {
        byte[] buffer = new byte[256];
        StunMessageWriter writer = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_REQUEST, new byte[12], 0)
                .username(local.ufrag() + ":" + remoteUfrag)
                .priority(100)
                .iceRole(role, 1);
        if (nominate) {
            writer.useCandidate();
        }
        int length = writer.messageIntegrity(local.password().getBytes(StandardCharsets.UTF_8)).fingerprint().length();
        StunMessage message = new StunMessage();
        assertTrue(message.wrap(Arrays.copyOf(buffer, length), 0, length));
        return message;
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
