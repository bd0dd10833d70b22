package dev.hearth.relay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The relay is packaged by protocol concept: the codecs (STUN, RTP, RTCP, SRTP, SDP and their wire helpers)
 * know nothing of sockets, sessions or forwarding, so each is tested against its RFC alone.
 */
@AnalyzeClasses(packages = "dev.hearth.relay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule codecsKnowNothingOfTransportOrForwarding = noClasses()
            .that().resideInAnyPackage("..relay.stun..", "..relay.rtp..", "..relay.rtcp..", "..relay.srtp..",
                    "..relay.sdp..", "..relay.wire..")
            .should().dependOnClassesThat().resideInAnyPackage("..relay.transport..", "..relay.sfu..",
                    "..relay.recording..", "..relay.ice..");

    /** The relay is a library of the signaling server, never the other way round, and never Spring. */
    @ArchTest
    static final ArchRule relayIsFreeOfSignalingAndSpring = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.signaling..", "org.springframework..");

    @ArchTest
    static final ArchRule relayReadsNoEnvironment = noClasses()
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class);
}
