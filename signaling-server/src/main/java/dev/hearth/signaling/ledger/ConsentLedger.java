package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.RoomId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The consent ledgers of this server: one append-only file per recording id,
 * {@code <dataDir>/consent-ledger/<recordingId>.jsonl}, one signed {@link LedgerEntry} a line.
 *
 * <p>One file per recording (rather than one ledger for all) because a ledger is exported, handed over and
 * finally deleted per recording: each file verifies on its own, and deleting one at the end of its retention
 * leaves every other chain whole. Entries carry pseudonymous participant ids only; names never reach it.
 *
 * <p>A room's agreement acknowledgements are a ledger of their own, {@code agreements-<roomId>.jsonl}: they belong
 * to the group, not to any recording, and must outlive every recording's deletion.
 *
 * <p>Each append is forced to disk before it returns, before the relay starts writing, so no recording exists
 * without the consent entries that allowed it.
 */
public final class ConsentLedger {

    public static final String DIRECTORY = "consent-ledger";
    /**
     * Version of the recording-consent question members answer (the wording lives in the web client). Stored in
     * every consent entry next to the agreement version, so an answer can be matched to the words it was given to.
     */
    public static final String CONSENT_TEXT_VERSION = "1";

    private static final String SUFFIX = ".jsonl";
    private static final String AGREEMENTS_PREFIX = "agreements-";

    private final Path dir;
    private final LedgerSigningKey key;
    private final Clock clock;
    private final Map<String, Tail> tails = new HashMap<>();

    /** Where a ledger file ends: what the next entry links to. */
    private record Tail(long lastSeq, String lastHash, boolean needsLineBreak) {
    }

    private ConsentLedger(Path dir, LedgerSigningKey key, Clock clock) {
        this.dir = dir;
        this.key = key;
        this.clock = clock;
    }

    public static ConsentLedger open(Path dataDir, LedgerSigningKey key, Clock clock) {
        Path dir = dataDir.resolve(DIRECTORY);
        try {
            PrivateFiles.ensureDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the consent ledger directory " + dir, e);
        }
        return new ConsentLedger(dir, Objects.requireNonNull(key), Objects.requireNonNull(clock));
    }

    /**
     * Appends the entry for a consent event of {@code roomId}. {@code agreementVersion} is the version of the
     * room's confidentiality agreement every admitted member accepted.
     */
    public LedgerEntry record(ConsentEvent event, String roomId, int agreementVersion) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("room", roomId);
        String type;
        ParticipantId participant = null;
        if (event instanceof ConsentEvent.RecordingRequested e) {
            type = "recording-requested";
            details.put("agreementVersion", Integer.toString(agreementVersion));
            details.put("asked", e.asked().stream().map(ParticipantId::value).sorted().collect(Collectors.joining(",")));
        } else if (event instanceof ConsentEvent.ConsentRequested e) {
            type = "consent-requested";
            participant = e.participant();
        } else if (event instanceof ConsentEvent.ConsentGiven e) {
            type = "consent-given";
            participant = e.participant();
            details.put("agreementVersion", Integer.toString(agreementVersion));
            details.put("consentTextVersion", CONSENT_TEXT_VERSION);
        } else if (event instanceof ConsentEvent.ConsentDeclined e) {
            type = "consent-declined";
            participant = e.participant();
            details.put("consentTextVersion", CONSENT_TEXT_VERSION);
        } else if (event instanceof ConsentEvent.ConsentWithdrawn e) {
            type = "consent-withdrawn";
            participant = e.participant();
        } else if (event instanceof ConsentEvent.ConsentLapsed e) {
            type = "consent-lapsed";
            participant = e.participant();
        } else if (event instanceof ConsentEvent.RecordingStarted) {
            type = "recording-started";
        } else if (event instanceof ConsentEvent.RecordingPaused e) {
            type = "recording-paused";
            details.put("reason", e.reason().name());
        } else if (event instanceof ConsentEvent.RecordingResumed) {
            type = "recording-resumed";
        } else if (event instanceof ConsentEvent.RecordingStopped e) {
            type = "recording-stopped";
            details.put("reason", e.reason().name());
        } else if (event instanceof ConsentEvent.RequestCancelled e) {
            type = "request-cancelled";
            details.put("reason", e.reason().name());
        } else {
            throw new IllegalArgumentException("unknown consent event " + event.getClass().getSimpleName());
        }
        return append(event.recordingId(), type, Optional.ofNullable(participant), details);
    }

    /** The id (and file name) of a room's agreement ledger; it stands where a recording's ledger has its id. */
    public static String agreementLedgerId(RoomId roomId) {
        // RoomId has checked the shape (prefix and base32), so it is a safe file name.
        return AGREEMENTS_PREFIX + roomId.value();
    }

    /** A member accepted exactly these words: at their knock, or again after a revision. */
    public LedgerEntry agreementAcknowledged(RoomId roomId, ParticipantId participant, Agreement agreement) {
        return append(agreementLedgerId(roomId), "agreement-acknowledged", Optional.of(participant),
                agreementDetails(roomId, agreement));
    }

    /** A facilitator put new words in force; members admitted then are asked to accept them. */
    public LedgerEntry agreementRevised(RoomId roomId, Agreement agreement) {
        return append(agreementLedgerId(roomId), "agreement-revised", Optional.empty(), agreementDetails(roomId, agreement));
    }

    /** The room's agreement entries in file order (null where a line cannot be read); none yet is an empty list. */
    public synchronized List<LedgerEntry> agreementEntries(RoomId roomId) {
        Path file = file(agreementLedgerId(roomId));
        return Files.exists(file) ? readEntries(file) : List.of();
    }

    public LedgerExport exportAgreements(RoomId roomId) {
        return export(agreementLedgerId(roomId), agreementEntries(roomId));
    }

    public LedgerVerification verifyAgreements(RoomId roomId) {
        return LedgerVerifier.verifyChain(agreementLedgerId(roomId), agreementEntries(roomId), key.publicKey());
    }

    private static Map<String, String> agreementDetails(RoomId roomId, Agreement agreement) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("room", roomId.value());
        details.put("agreementVersion", Integer.toString(agreement.version()));
        details.put("agreementHash", agreement.hash());
        return details;
    }

    public LedgerEntry append(RecordingId recordingId, String type, Optional<ParticipantId> participant,
                              Map<String, String> details) {
        return append(recordingId.value(), type, participant, details);
    }

    private synchronized LedgerEntry append(String id, String type, Optional<ParticipantId> participant,
                                            Map<String, String> details) {
        Path file = file(id);
        Tail tail = tails.computeIfAbsent(id, this::readTail);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LedgerEntry draft = new LedgerEntry(id, tail.lastSeq() + 1, at, type,
                participant.map(ParticipantId::value).orElse(""), details, tail.lastHash(), "", "");
        byte[] content = draft.signedContent();
        LedgerEntry entry = new LedgerEntry(id, draft.seq(), at, type, draft.participant(), draft.details(),
                draft.prevHash(), LedgerVerifier.sha256Hex(content), Base64.getEncoder().encodeToString(key.sign(content)));
        String line = (tail.needsLineBreak() ? "\n" : "") + entry.toJsonLine() + "\n";
        try {
            PrivateFiles.createIfMissing(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            // The tail is re-read on the next append, so a half-written line stays visible where it happened.
            tails.remove(id);
            throw new UncheckedIOException("cannot append to the consent ledger", e);
        }
        tails.put(id, new Tail(entry.seq(), entry.hash(), false));
        return entry;
    }

    /** The stored entries in file order, null where a line cannot be read. */
    public synchronized List<LedgerEntry> entries(RecordingId recordingId) {
        Path file = file(recordingId.value());
        if (!Files.exists(file)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no consent ledger for this recording.");
        }
        return readEntries(file);
    }

    private static List<LedgerEntry> readEntries(Path file) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (String line : lines(file)) {
            try {
                entries.add(LedgerEntry.fromJsonLine(line));
            } catch (IllegalArgumentException unreadable) {
                entries.add(null);
            }
        }
        return entries;
    }

    public boolean exists(RecordingId recordingId) {
        return Files.exists(file(recordingId.value()));
    }

    /** The ledger as a signed export, with a head naming what it holds now. */
    public LedgerExport export(RecordingId recordingId) {
        return export(recordingId.value(), entries(recordingId));
    }

    private LedgerExport export(String ledgerId, List<LedgerEntry> entries) {
        LedgerEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        String lastHash = last == null ? LedgerEntry.GENESIS : last.hash();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] head = LedgerExport.headContent(ledgerId, entries.size(), lastHash, now);
        return new LedgerExport(ledgerId, key.publicKey(), entries,
                new LedgerExport.Head(entries.size(), lastHash, now, Base64.getEncoder().encodeToString(key.sign(head))));
    }

    /** Checks the stored chain against this server's key. */
    public LedgerVerification verify(RecordingId recordingId) {
        return LedgerVerifier.verifyChain(recordingId.value(), entries(recordingId), key.publicKey());
    }

    /** The ids of every recording that has a ledger. */
    public synchronized Set<RecordingId> recordingIds() {
        Set<RecordingId> ids = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    ids.add(new RecordingId(name.substring(0, name.length() - SUFFIX.length())));
                } catch (HearthException notOurs) {
                    // A file someone else put here: not a ledger, left alone.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the consent ledgers", e);
        }
        return ids;
    }

    /** When the last readable entry was written: the start of the ledger's retention. */
    public Optional<Instant> lastEntryAt(RecordingId recordingId) {
        List<LedgerEntry> entries = entries(recordingId);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) != null) {
                return Optional.of(entries.get(i).at());
            }
        }
        return Optional.empty();
    }

    /** Deletes a whole ledger at the end of its retention; unknown ids are ignored. */
    public synchronized void delete(RecordingId recordingId) {
        try {
            Files.deleteIfExists(file(recordingId.value()));
            tails.remove(recordingId.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a consent ledger", e);
        }
    }

    public byte[] publicKey() {
        return key.publicKey();
    }

    private Path file(String recordingId) {
        // RecordingId has already checked the shape (prefix and base32), so it is a safe file name.
        return dir.resolve(recordingId + SUFFIX);
    }

    private Tail readTail(String recordingId) {
        Path file = file(recordingId);
        if (!Files.exists(file)) {
            return new Tail(0, LedgerEntry.GENESIS, false);
        }
        try {
            byte[] content = Files.readAllBytes(file);
            boolean needsLineBreak = content.length > 0 && content[content.length - 1] != '\n';
            List<String> lines = split(content);
            // Continue after the last readable entry, so a damaged line stays where it is and verification
            // points at it, rather than the chain being silently repaired.
            for (int i = lines.size() - 1; i >= 0; i--) {
                try {
                    LedgerEntry last = LedgerEntry.fromJsonLine(lines.get(i));
                    return new Tail(last.seq(), last.hash(), needsLineBreak);
                } catch (IllegalArgumentException unreadable) {
                    // keep looking further up
                }
            }
            return new Tail(0, LedgerEntry.GENESIS, needsLineBreak);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a consent ledger", e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return split(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a consent ledger", e);
        }
    }

    private static List<String> split(byte[] content) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
