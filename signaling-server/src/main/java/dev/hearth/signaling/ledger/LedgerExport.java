package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.CanonicalBytes;
import dev.hearth.signaling.audit.PlainJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Fields a reader accepts besides the export itself: the server's own verdict, which it never trusts. */
    private static final Set<String> IGNORED = Set.of("verification");

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
        return PlainJson.write(toJson());
    }

    /**
     * Reads a document written by {@link #toJsonText()} (or the consent API's answer, whose extra
     * {@code verification} field is ignored). An entry that cannot be read becomes null, so the verifier can
     * say which one; anything wrong with the document itself throws {@link LedgerFormatException}.
     */
    public static LedgerExport parse(String text) {
        Map<String, Object> json = PlainJson.parseObject(text.strip());
        for (String key : json.keySet()) {
            if (!Set.of("format", "recordingId", "publicKey", "entries", "head").contains(key) && !IGNORED.contains(key)) {
                throw new LedgerFormatException("unexpected field '" + key + "'");
            }
        }
        if (!FORMAT.equals(json.get("format"))) {
            throw new LedgerFormatException("not a " + FORMAT + " document");
        }
        String recordingId = LedgerEntry.text(json, "recordingId");
        byte[] publicKey;
        try {
            publicKey = Base64.getDecoder().decode(LedgerEntry.text(json, "publicKey"));
        } catch (IllegalArgumentException e) {
            throw new LedgerFormatException("'publicKey' is not base64");
        }
        if (!(json.get("entries") instanceof List<?> rawEntries)) {
            throw new LedgerFormatException("'entries' must be a list");
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (Object raw : rawEntries) {
            entries.add(readEntry(raw));
        }
        if (!(json.get("head") instanceof Map<?, ?> rawHead)) {
            throw new LedgerFormatException("'head' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> head = (Map<String, Object>) rawHead;
        if (!(head.get("entries") instanceof Long count)) {
            throw new LedgerFormatException("'head.entries' must be a number");
        }
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(LedgerEntry.text(head, "exportedAt"));
        } catch (DateTimeParseException e) {
            throw new LedgerFormatException("'head.exportedAt' is not a time stamp");
        }
        return new LedgerExport(recordingId, publicKey, entries,
                new Head(count, LedgerEntry.text(head, "lastHash"), exportedAt, LedgerEntry.text(head, "signature")));
    }

    private static LedgerEntry readEntry(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return LedgerEntry.fromJson(object);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
