package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.recording.RecordingException;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.signaling.audit.StrictJson;
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
import java.util.Set;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings catalog, {@code <dataDir>/recordings-catalog}: one JSON document, readable by the server's user
 * only, rewritten atomically on every change (it changes a few times per recording).
 *
 * <p>Listings need the participants' first names, and their participant ids link a person across recordings, so
 * both are stored sealed ({@link SealedNames}) under a key the archive derives from that recording's own data key:
 * when the retention purge shreds the recording, its names become unreadable in this file and in every backup of
 * it. Room, account, times and hold stay in clear; the purge and legal holds need them without any key.
 *
 * <p>Version 1 files kept the names in clear; they are read as they are and rewritten sealed at once. An entry
 * whose key cannot be read at that moment (another master key configured) keeps its clear names until a later
 * start can seal them: names are never dropped by a migration. Sealed names whose key cannot be read now are
 * shown as none and carried over unchanged by every rewrite.
 *
 * <p>A catalog that cannot be read stops the server from starting: without it legal holds would be unknown and
 * the purge could destroy a held recording.
 */
public final class RecordingCatalog {

    public static final String FILE_NAME = "recordings-catalog";
    static final long VERSION = 2;

    private static final Logger log = LoggerFactory.getLogger(RecordingCatalog.class);

    private final Path file;
    private final RecordingArchive archive;
    /** In memory with their names readable; names live in memory during a session anyway. */
    private final Map<String, CatalogEntry> entries;
    /** The sealed names as they stand on disk, per recording id. */
    private final Map<String, String> sealed;
    /** Entries whose names are on disk in clear (version 1), waiting for a readable key. */
    private final Set<String> clear;

    private RecordingCatalog(Path file, RecordingArchive archive, Map<String, CatalogEntry> entries,
                             Map<String, String> sealed, Set<String> clear) {
        this.file = file;
        this.archive = archive;
        this.entries = entries;
        this.sealed = sealed;
        this.clear = clear;
    }

    /** Reads the catalog, opening each entry's names with its recording's key, and seals version 1 names. */
    public static RecordingCatalog open(Path dataDir, RecordingArchive archive) {
        Path file = dataDir.resolve(FILE_NAME);
        RecordingCatalog catalog = new RecordingCatalog(file, archive, new LinkedHashMap<>(), new LinkedHashMap<>(),
                new HashSet<>());
        if (Files.exists(file)) {
            try {
                catalog.load(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recordings catalog " + file, e);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new IllegalStateException("the recordings catalog " + file + " cannot be read (" + e.getMessage()
                        + "); restore it from a backup: without it legal holds are unknown", e);
            }
        }
        return catalog;
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
            Map<String, String> sealedWithout = new LinkedHashMap<>(sealed);
            sealedWithout.remove(recordingId);
            write(without, sealedWithout);
            entries.remove(recordingId);
            sealed.remove(recordingId);
            clear.remove(recordingId);
        }
    }

    private CatalogEntry put(CatalogEntry entry) {
        String id = entry.recordingId();
        CatalogEntry before = entries.get(id);
        Map<String, String> nextSealed = new LinkedHashMap<>(sealed);
        boolean namesChanged = !entry.participantNames().equals(before == null ? Map.of() : before.participantNames());
        if (namesChanged) {
            if (clear.contains(id) || sealed.containsKey(id) && before != null && before.participantNames().isEmpty()) {
                // Names on disk that cannot be sealed or opened now: keep them as they are rather than lose them.
                log.warn("event=catalog_names_not_updated recording={} reason=key_unreadable", id);
                entry = entry.withNames(before == null ? Map.of() : before.participantNames());
            } else {
                Optional<String> names = seal(id, entry.participantNames());
                if (names.isPresent()) {
                    nextSealed.put(id, names.get());
                } else {
                    // Never in clear: without the recording's key the names are not kept.
                    log.warn("event=catalog_names_dropped recording={} reason=no_recording_key", id);
                    nextSealed.remove(id);
                    entry = entry.withNames(Map.of());
                }
            }
        }
        Map<String, CatalogEntry> next = new LinkedHashMap<>(entries);
        next.put(id, entry);
        // Written before memory changes, so what the API reports is never ahead of what survives a restart.
        write(next, nextSealed);
        entries.put(id, entry);
        sealed.clear();
        sealed.putAll(nextSealed);
        return entry;
    }

    /** The names sealed under the recording's catalog key; empty when that key is gone or cannot be read. */
    private Optional<String> seal(String recordingId, Map<String, String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return catalogKey(recordingId).map(key -> SealedNames.seal(key, recordingId, names));
    }

    private Optional<byte[]> catalogKey(String recordingId) {
        try {
            return archive.catalogKey(recordingId);
        } catch (RecordingException e) {
            log.warn("event=catalog_key_unreadable recording={} code={}", recordingId, e.code());
            return Optional.empty();
        }
    }

    /** The file as written. Version 1 had clear {@code participantNames} and no {@code sealedNames}. */
    record Document(Long version, List<Line> recordings) {
    }

    /** One entry as written; only the optional fields may be absent (a missing hold is refused, never false). */
    record Line(String recordingId, String roomId, String facilitatorAccountId, String startedAt,
                @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Map<String, String>> participantNames,
                @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> sealedNames,
                Boolean hold, Optional<String> endedAt) {
    }

    private void write(Map<String, CatalogEntry> content, Map<String, String> sealedNames) {
        List<Line> lines = new ArrayList<>();
        for (CatalogEntry entry : content.values()) {
            boolean inClear = clear.contains(entry.recordingId());
            lines.add(new Line(entry.recordingId(), entry.roomId(), entry.facilitatorAccountId(),
                    entry.startedAt().toString(),
                    inClear ? Optional.of(entry.participantNames()) : Optional.empty(),
                    inClear ? Optional.empty() : Optional.ofNullable(sealedNames.get(entry.recordingId())),
                    entry.hold(), entry.endedAt().map(Instant::toString)));
        }
        try {
            PrivateFiles.writeAtomically(file, (StrictJson.write(new Document(VERSION, lines)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recordings catalog", e);
        }
    }

    private void load(String text) {
        Document document = StrictJson.readWithAbsentOptionals(text.strip(), Document.class, "a recordings catalog");
        long version = document.version();
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException("not a version 1 or 2 catalog");
        }
        boolean migrated = false;
        for (Line line : document.recordings()) {
            String id = line.recordingId();
            Map<String, String> names = new LinkedHashMap<>();
            if (line.participantNames().isPresent()) {
                // Version 1, or a version 1 entry not yet sealed.
                names.putAll(line.participantNames().get());
                Optional<String> sealedNow = seal(id, names);
                if (sealedNow.isPresent()) {
                    sealed.put(id, sealedNow.get());
                    migrated = true;
                } else if (!names.isEmpty()) {
                    clear.add(id);
                    log.warn("event=catalog_names_left_unsealed recording={} reason=key_unreadable", id);
                }
            } else if (line.sealedNames().isPresent()) {
                String sealedText = line.sealedNames().get();
                sealed.put(id, sealedText);
                catalogKey(id).flatMap(key -> SealedNames.open(key, id, sealedText)).ifPresentOrElse(names::putAll,
                        () -> log.info("event=catalog_names_unreadable recording={}", id));
            }
            CatalogEntry entry = new CatalogEntry(id, line.roomId(), line.facilitatorAccountId(),
                    Instant.parse(line.startedAt()), names, line.hold(), line.endedAt().map(Instant::parse));
            entries.put(id, entry);
        }
        if (migrated || version == 1) {
            write(entries, sealed);
            log.info("event=catalog_migrated version={}", VERSION);
        }
    }
}
