package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The group's confidentiality agreement. Members accept a specific version before they may knock; a changed
 * text gets a new version, so nobody is held to words they did not see.
 */
public record Agreement(int version, String text) {

    public static final int MAX_TEXT_LENGTH = 5_000;

    private static final String DEFAULT_TEXT = """
            Before you join, please agree to keep this group safe for everyone:
            - What is said here stays here. Do not repeat anything that would identify another member.
            - Do not record, photograph or screenshot the session, and make sure nobody else can see or \
            hear it from where you are.
            - Use your first name only, and call others by the name they chose here.
            - The session is recorded only if everyone present agrees, and you can withdraw your consent \
            at any time.""";

    public Agreement {
        if (version < 1) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "An agreement version starts at 1.");
        }
        text = text == null ? "" : text.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new HearthException(ErrorCode.INVALID_INPUT,
                    "The agreement needs some text, at most " + MAX_TEXT_LENGTH + " characters.");
        }
    }

    public static Agreement defaultAgreement() {
        return new Agreement(1, DEFAULT_TEXT);
    }

    /**
     * Hex SHA-256 of the words: what an acknowledgement in the ledger points at, so a record proves which text a
     * member accepted even after the room and its history are gone.
     */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The same agreement with new words, as the next version. */
    public Agreement revised(String newText) {
        return new Agreement(version + 1, newText);
    }
}
