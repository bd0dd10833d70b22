package dev.hearth.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency direction of docs/architecture.md, checked on the compiled classes: edge (HTTP, WebSocket,
 * configuration) → application → domain → nothing.
 */
@AnalyzeClasses(packages = "dev.hearth.signaling", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"..signaling.identity..", "..signaling.consent..", "..signaling.room.."};

    private static final String[] FRAMEWORKS = {"org.springframework..", "jakarta..", "tools.jackson..",
            "com.fasterxml..", "io.netty..", "org.apache.tomcat..", "io.lettuce..", "reactor.."};

    /** Rooms, consent and names are plain Java, unit-tested in milliseconds. */
    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    /**
     * Rooms are one-writer objects run in their turns (serial/RoomTurns); the domain itself neither starts
     * threads nor hands work to executors, nor locks.
     */
    @ArchTest
    static final ArchRule domainRunsOnNoThreadsOfItsOwn = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
            .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent.locks..");

    /** Room turns are application machinery: the domain knows nothing of them. */
    @ArchTest
    static final ArchRule domainDoesNotKnowItsTurns = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAPackage("..signaling.serial..");

    @ArchTest
    static final ArchRule domainDependsOnNothingAboveIt = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..signaling.web..", "..signaling.api..",
                    "..signaling.pages..", "..signaling.protocol..", "..signaling.config..", "..signaling.media..",
                    "..signaling.recording..", "..signaling.account..", "..signaling.invite..", "..signaling.cluster..",
                    "dev.hearth.relay..");

    private static final String[] EDGE = {"..signaling.web..", "..signaling.api..", "..signaling.pages..",
            "..signaling.protocol.."};

    /** The HTTP and WebSocket edge is a leaf: nothing below it reaches back up into request handling. */
    @ArchTest
    static final ArchRule nothingBelowTheEdgeUsesIt = noClasses()
            .that().resideOutsideOfPackages(EDGE)
            .and().areNotAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .and().areNotAnnotatedWith(org.springframework.stereotype.Controller.class)
            .and().areNotAnnotatedWith(org.springframework.context.annotation.Configuration.class)
            .should().dependOnClassesThat().resideInAnyPackage(EDGE);

    /** One configuration source: settings arrive through {@code HearthSettings}, never from the process. */
    @ArchTest
    static final ArchRule noOneReadsTheEnvironmentDirectly = noClasses()
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class);

    @ArchTest
    static final ArchRule onlyTheSettingsEdgeReadsSpringsEnvironment = noClasses()
            .that().resideOutsideOfPackage("..signaling.config..")
            .should().dependOnClassesThat().areAssignableTo(org.springframework.core.env.Environment.class);

    /**
     * One clock: every component takes the {@code Clock} bean, so a test that moves it moves all of them; only
     * the bean's own definition reads the system clock.
     */
    @ArchTest
    static final ArchRule onlyTheClockBeanReadsTheSystemClock = noClasses()
            .that().doNotHaveSimpleName("ClockAutoConfiguration")
            .should().accessTargetWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "the system clock (Clock.system*, Instant.now, also as a method reference)", access ->
                            access.getTargetOwner().isEquivalentTo(java.time.Clock.class)
                                    && access.getName().startsWith("system")
                            || access.getTargetOwner().isEquivalentTo(java.time.Instant.class)
                                    && access.getName().equals("now")));
}
