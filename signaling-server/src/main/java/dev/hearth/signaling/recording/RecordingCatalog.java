package dev.hearth.signaling.recording;

import dev.hearth.signaling.audit.PlainJson;
import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recordings catalog, {@code <dataDir>/recordings-catalog}: one JSON document, readable by the server's user
 * only, rewritten atomically on every change (it changes a few times per recording).
 *
 * <p>It holds the only names in the data directory outside live rooms: participants' first names, because
 * listings need them. They are kept minimal (the first name as shown in the room, nothing else) and are deleted
 * with the entry when the recording is purged. They are not encrypted: any key for them would sit on the same
 * disk, readable by the same user as this file; see docs/consent-ledger.md.
 *
 * <p>A catalog that cannot be read stops the server from starting: without it legal holds would be unknown and
 * the purge could destroy a held recording.
 */
public final class RecordingCatalog {

    public static final String FILE_NAME = "recordings-catalog";

    private final Path file;
    private final Map<String, CatalogEntry> entries;

    private RecordingCatalog(Path file, Map<String, CatalogEntry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static RecordingCatalog open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                for (CatalogEntry entry : parse(Files.readString(file, StandardCharsets.UTF_8))) {
                    entries.put(entry.recordingId(), entry);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recordings catalog " + file, e);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new IllegalStateException("the recordings catalog " + file + " cannot be read (" + e.getMessage()
                        + "); restore it from a backup: without it legal holds are unknown", e);
            }
        }
        return new RecordingCatalog(file, entries);
    }

    /** A recording began: its first names are those of everyone admitted, who all consented. */
    public synchronized CatalogEntry started(String recordingId, String roomId, String facilitatorAccountId,
                                             Instant at, Map<String, String> participantNames) {
        CatalogEntry entry = entries.get(recordingId);
        if (entry == null) {
            entry = new CatalogEntry(recordingId, roomId, facilitatorAccountId, at, participantNames, false,
                    Optional.empty());
        } else {
            for (Map.Entry<String, String> name : participantNames.entrySet()) {
                entry = entry.withName(name.getKey(), name.getValue());
            }
        }
        return put(entry);
    }

    /** Someone consented after the start (a newcomer); unknown recordings are ignored. */
    public synchronized void consented(String recordingId, String participantId, String name) {
        CatalogEntry entry = entries.get(recordingId);
        if (entry != null && !entry.participantNames().containsKey(participantId)) {
            put(entry.withName(participantId, name));
        }
    }

    /** The recording stopped; the first end counts. Unknown recordings are ignored. */
    public synchronized void ended(String recordingId, Instant at) {
        CatalogEntry entry = entries.get(recordingId);
        if (entry != null && entry.endedAt().isEmpty()) {
            put(entry.endedAt(at));
        }
    }

    /**
     * Sets the legal hold. A recording the archive has but the catalog lost is adopted with what the archive
     * says ({@code known}), so a hold can always be placed.
     *
     * @throws HearthException {@code not-found} when neither knows the recording
     */
    public synchronized CatalogEntry setHold(String recordingId, boolean hold, Optional<CatalogEntry> known) {
        CatalogEntry entry = Optional.ofNullable(entries.get(recordingId)).or(() -> known)
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "There is no such recording."));
        return put(entry.withHold(hold));
    }

    public synchronized Optional<CatalogEntry> find(String recordingId) {
        return Optional.ofNullable(entries.get(recordingId));
    }

    public synchronized List<CatalogEntry> all() {
        return List.copyOf(entries.values());
    }

    /** Forgets a purged recording, names included. */
    public synchronized void remove(String recordingId) {
        if (entries.containsKey(recordingId)) {
            Map<String, CatalogEntry> without = new LinkedHashMap<>(entries);
            without.remove(recordingId);
            write(without);
            entries.remove(recordingId);
        }
    }

    private CatalogEntry put(CatalogEntry entry) {
        Map<String, CatalogEntry> next = new LinkedHashMap<>(entries);
        next.put(entry.recordingId(), entry);
        // Written before memory changes, so what the API reports is never ahead of what survives a restart.
        write(next);
        entries.put(entry.recordingId(), entry);
        return entry;
    }

    private void write(Map<String, CatalogEntry> content) {
        List<Object> list = new ArrayList<>();
        for (CatalogEntry entry : content.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("recordingId", entry.recordingId());
            json.put("roomId", entry.roomId());
            json.put("facilitatorAccountId", entry.facilitatorAccountId());
            json.put("startedAt", entry.startedAt().toString());
            json.put("participantNames", entry.participantNames());
            json.put("hold", entry.hold());
            json.put("endedAt", entry.endedAt().map(Instant::toString).orElse(null));
            list.add(json);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1L);
        document.put("recordings", list);
        try {
            PrivateFiles.writeAtomically(file, (PlainJson.write(document) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recordings catalog", e);
        }
    }

    private static List<CatalogEntry> parse(String text) {
        Map<String, Object> document = PlainJson.parseObject(text.strip());
        if (!Long.valueOf(1).equals(document.get("version")) || !(document.get("recordings") instanceof List<?> list)) {
            throw new IllegalArgumentException("not a version 1 catalog");
        }
        List<CatalogEntry> entries = new ArrayList<>();
        for (Object raw : list) {
            if (!(raw instanceof Map<?, ?> json)) {
                throw new IllegalArgumentException("a catalog entry must be an object");
            }
            Map<String, String> names = new LinkedHashMap<>();
            if (!(json.get("participantNames") instanceof Map<?, ?> rawNames)) {
                throw new IllegalArgumentException("'participantNames' must be an object");
            }
            rawNames.forEach((k, v) -> names.put(String.valueOf(k), text(v, "participant name")));
            if (!(json.get("hold") instanceof Boolean hold)) {
                throw new IllegalArgumentException("'hold' must be true or false");
            }
            Object ended = json.get("endedAt");
            entries.add(new CatalogEntry(text(json.get("recordingId"), "recordingId"), text(json.get("roomId"), "roomId"),
                    text(json.get("facilitatorAccountId"), "facilitatorAccountId"),
                    Instant.parse(text(json.get("startedAt"), "startedAt")), names, hold,
                    ended == null ? Optional.empty() : Optional.of(Instant.parse(text(ended, "endedAt")))));
        }
        return entries;
    }

    private static String text(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + what + "' must be a string");
    }
}
