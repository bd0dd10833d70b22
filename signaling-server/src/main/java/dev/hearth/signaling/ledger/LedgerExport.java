package dev.hearth.signaling.ledger;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.hearth.signaling.audit.CanonicalBytes;
import dev.hearth.signaling.audit.StrictJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A recording's consent ledger as a self-contained JSON document (format {@value #FORMAT}, see
 * docs/consent-ledger.md): every entry, the public key that signed them, and a signed head naming the number
 * of entries and the last hash at export time, so that cutting entries off the end is detected too.
 *
 * @param entries the entries in file order; an element is null where a stored line could not be read
 */
public record LedgerExport(String recordingId, byte[] publicKey, List<LedgerEntry> entries, Head head) {

    public static final String FORMAT = "hearth-consent-ledger-v1";

    private static final String HEAD_DOMAIN = "hearth-consent-ledger-head-v1";

    public LedgerExport {
        publicKey = publicKey.clone();
        entries = java.util.Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** Signed summary: the ledger had {@code entries} entries ending in {@code lastHash} at {@code exportedAt}. */
    public record Head(long entries, String lastHash, Instant exportedAt, String signature) {
    }

    static byte[] headContent(String recordingId, long entries, String lastHash, Instant exportedAt) {
        return new CanonicalBytes().text(HEAD_DOMAIN).text(recordingId).number(entries).text(lastHash)
                .text(exportedAt.toString()).toByteArray();
    }

    /** The document as a JSON object; unreadable stored entries are written as null. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("recordingId", recordingId);
        json.put("publicKey", Base64.getEncoder().encodeToString(publicKey));
        List<Object> list = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            list.add(entry == null ? null : entry.toJson());
        }
        json.put("entries", list);
        Map<String, Object> headJson = new LinkedHashMap<>();
        headJson.put("entries", head.entries());
        headJson.put("lastHash", head.lastHash());
        headJson.put("exportedAt", head.exportedAt().toString());
        headJson.put("signature", head.signature());
        json.put("head", headJson);
        return json;
    }

    public String toJsonText() {
        return StrictJson.write(toJson());
    }

    /**
     * The document as read. Entries stay trees until each is bound on its own, so one that cannot be read becomes
     * null in place (null is also how an export writes a stored line it could not read); {@code verification} (the consent API's own verdict) may be present and is never looked at.
     */
    record Document(String format, String recordingId, String publicKey,
                    @JsonSetter(contentNulls = Nulls.SET) List<JsonNode> entries, HeadLine head,
                    Optional<JsonNode> verification) {
    }

    record HeadLine(long entries, String lastHash, String exportedAt, String signature) {
    }

    /**
     * Reads a document written by {@link #toJsonText()} (or the consent API's answer, whose extra
     * {@code verification} field is ignored). An entry that cannot be read becomes null, so the verifier can
     * say which one; anything wrong with the document itself throws {@link LedgerFormatException}.
     */
    public static LedgerExport parse(String text) {
        Document json;
        try {
            json = StrictJson.readWithAbsentOptionals(text.strip(), Document.class, "a " + FORMAT + " document");
        } catch (StrictJson.ParseException e) {
            throw new LedgerFormatException(e.getMessage());
        }
        if (!FORMAT.equals(json.format())) {
            throw new LedgerFormatException("not a " + FORMAT + " document");
        }
        byte[] publicKey;
        try {
            publicKey = Base64.getDecoder().decode(json.publicKey());
        } catch (IllegalArgumentException e) {
            throw new LedgerFormatException("'publicKey' is not base64");
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (JsonNode raw : json.entries()) {
            entries.add(readEntry(raw));
        }
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(json.head().exportedAt());
        } catch (DateTimeParseException e) {
            throw new LedgerFormatException("'head.exportedAt' is not a time stamp");
        }
        return new LedgerExport(json.recordingId(), publicKey, entries,
                new Head(json.head().entries(), json.head().lastHash(), exportedAt, json.head().signature()));
    }

    private static LedgerEntry readEntry(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return null;
        }
        try {
            return LedgerEntry.fromLine(StrictJson.bind(raw, LedgerEntry.Line.class, "a ledger entry"));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
