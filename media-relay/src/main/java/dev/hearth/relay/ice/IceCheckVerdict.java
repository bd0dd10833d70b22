package dev.hearth.relay.ice;

/** What the relay does with one ICE connectivity check (RFC 8445 section 7.3, RFC 8489 sections 6.3 and 9.1.3). */
public enum IceCheckVerdict {
    /** Authenticated and valid: answer with a Binding success; the source becomes a validated address. */
    ACCEPTED,
    /** USERNAME, MESSAGE-INTEGRITY or PRIORITY missing: answer 400 without integrity. */
    BAD_REQUEST,
    /** MESSAGE-INTEGRITY does not verify with the local password: answer 401 without integrity. */
    UNAUTHENTICATED,
    /** Authenticated but carries an unknown comprehension-required attribute: answer 420. */
    UNKNOWN_ATTRIBUTE,
    /** The client claims the controlled role too; a lite agent is always controlled: answer 487. */
    ROLE_CONFLICT,
    /** Not for us, or not trustworthy enough to deserve an answer: drop silently. */
    DROPPED
}
