package dev.hearth.signaling.account;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What start-up did about the first admin, and what the operator must be told. The setup code,
 * when there is one, is meant for the console only; {@link #toString()} leaves it out.
 */
public record StartupNotice(Kind kind, Optional<String> setupCode, Optional<Instant> codeIssuedAt, Path codeFile) {

    public enum Kind {
        ADMIN_CREATED_FROM_ENVIRONMENT,
        ENVIRONMENT_PASSWORD_IGNORED,
        ADMIN_EXISTS,
        SETUP_CODE_ISSUED,
        SETUP_CODE_PENDING
    }

    /** The text for the operator's console, or empty when there is nothing to do. */
    public Optional<String> consoleText() {
        return switch (kind) {
            case SETUP_CODE_ISSUED -> Optional.of(String.join(System.lineSeparator(),
                    "",
                    "  Hearth first start: no admin account yet.",
                    "  Open /admin in your browser and enter this one-time code:",
                    "",
                    "      " + setupCode.orElseThrow(),
                    "",
                    "  The code works once and is not shown again.",
                    ""));
            case SETUP_CODE_PENDING -> Optional.of(String.join(System.lineSeparator(),
                    "",
                    "  Hearth: no admin account yet. A one-time setup code was shown on the console at "
                            + codeIssuedAt.orElseThrow() + " and is still valid.",
                    "  Lost it? Stop the server, delete " + codeFile + " and start again for a new code.",
                    ""));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "StartupNotice[kind=" + kind + "]";
    }
}
