package dev.hearth.signaling.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, hash-chained record of who did what: {@code <dataDir>/audit.log}, one JSON object a
 * line. It holds pseudonymous ids only (account, participant and room ids), never names or media;
 * the caller passes ids, and long free text is refused so that names cannot slip in unnoticed.
 *
 * <p>Each append is forced to disk before it returns: the log is low-volume and an audit entry lost
 * in a crash is worse than a slower sign-in.
 *
 * <p>The chain alone is unkeyed: whoever can write the file can cut its newest entries off or re-hash it from
 * scratch. So the head of the chain is signed with the server's audit key ({@code audit-signing.key}, Ed25519)
 * into {@code audit.head} ({@link AuditHead}) at start, every minute, after a purge and at shutdown, and
 * verification checks the chain against it. Entries written since the last head are covered by the next one.
 */
public final class AuditLog {

    public static final String FILE_NAME = "audit.log";
    public static final String HEAD_FILE = "audit.head";
    public static final String KEY_FILE = "audit-signing.key";
    public static final String PUBLIC_KEY_FILE = "audit-signing.pub";
    public static final int MAX_DETAIL_LENGTH = 200;
    public static final int MAX_DETAILS = 16;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");

    private final Path file;
    private final Path headFile;
    private final Ed25519Key key;
    private final Clock clock;
    private final List<AuditEntry> entries;
    private final VerificationResult verificationAtOpen;
    private String lastHash;
    private long nextSeq;
    private boolean needsLineBreak;
    private Anchor anchor;
    /** False once the log failed verification at open: a new head would hide the finding. */
    private final boolean anchoring;
    /** Whether {@code audit.head} must exist: once this server's key has signed one, a missing head is a finding. */
    private boolean headExpected;
    private AuditHead lastHead;

    /**
     * Where the chain starts: entry 1 after the genesis hash, or, once old entries were purged under the
     * audit retention, the first kept entry's sequence number and the hash of the purged entry before it.
     * Written as the file's first line, so the purge rewrites log and anchor in one atomic step.
     */
    record Anchor(long seq, String prevHash) {
        static final Anchor GENESIS = new Anchor(1, AuditEntry.GENESIS);

        /** The line as written: {@code {"anchor":{"seq":K,"prevHash":H}}}. */
        record Line(Anchor anchor) {
        }

        String toJsonLine() {
            return StrictJson.write(new Line(this));
        }

        static Anchor fromJsonLine(String line) {
            Anchor anchor = StrictJson.read(line, Line.class, "an audit anchor").anchor();
            if (anchor.seq() < 1 || !anchor.prevHash().matches("[0-9a-f]{64}")) {
                throw new StrictJson.ParseException("not an audit anchor: impossible sequence number or hash");
            }
            return anchor;
        }
    }

    private AuditLog(Path file, Ed25519Key key, Clock clock, List<AuditEntry> entries, VerificationResult verification,
                     boolean needsLineBreak, Anchor anchor, boolean headExpected) {
        this.file = file;
        this.headFile = file.resolveSibling(HEAD_FILE);
        this.key = key;
        this.clock = clock;
        this.anchoring = verification.ok();
        this.headExpected = headExpected;
        this.entries = entries;
        this.verificationAtOpen = verification;
        this.needsLineBreak = needsLineBreak;
        this.anchor = anchor;
        AuditEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        this.lastHash = last == null ? anchor.prevHash() : last.hash();
        this.nextSeq = last == null ? anchor.seq() : last.seq() + 1;
    }

    /**
     * Opens (or creates) the log and verifies it. A broken chain does not stop the server — people
     * may be in a session — but it is logged loudly and shown to admins; new entries continue from
     * the last readable one so the break stays visible at its place.
     */
    public static AuditLog open(Path dataDir, Clock clock) {
        return open(dataDir, clock, signingKey(dataDir));
    }

    /** The audit key in the data directory, made on first start. */
    public static Ed25519Key signingKey(Path dataDir) {
        return Ed25519Key.loadOrCreate(dataDir.resolve(KEY_FILE), dataDir.resolve(PUBLIC_KEY_FILE));
    }

    /**
     * Opens the log and checks it against the signed head. A key made by this start has signed nothing yet (a new
     * server, or one upgraded from before heads were signed), so only then may the head be missing; the first head
     * is signed at once.
     */
    public static AuditLog open(Path dataDir, Clock clock, Ed25519Key key) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            PrivateFiles.createIfMissing(file);
            byte[] content = Files.readAllBytes(file);
            List<String> lines = lines(content);
            Anchor anchor = anchorOf(lines);
            List<AuditEntry> parsed = parse(lines);
            boolean headExpected = !key.createdNow();
            VerificationResult verification = verify(parsed, anchor, readHead(file.resolveSibling(HEAD_FILE)), key,
                    headExpected);
            if (!verification.ok()) {
                VerificationResult.Failure failure = verification.failure().orElseThrow();
                log.error("audit log verification failed seq={} problem={} explanation=\"{}\"; the signed head is"
                                + " kept as it is, as evidence, until the log is restored",
                        failure.seq(), failure.problem(), failure.explanation());
            }
            boolean needsLineBreak = content.length > 0 && content[content.length - 1] != '\n';
            List<AuditEntry> readable = new ArrayList<>(parsed);
            readable.removeIf(Objects::isNull);
            AuditLog auditLog = new AuditLog(file, key, clock, readable, verification, needsLineBreak, anchor,
                    headExpected);
            auditLog.writeHead();
            return auditLog;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /**
     * Signs the chain's current head into {@code audit.head} (atomically), unless it is already there or the log
     * failed verification at open. Called at start, every minute, after a purge and at shutdown.
     *
     * @return whether a new head was written
     */
    public synchronized boolean writeHead() {
        if (!anchoring) {
            return false;
        }
        long firstSeq = anchor.seq();
        long seq = nextSeq - 1;
        if (lastHead != null && lastHead.firstSeq() == firstSeq && lastHead.seq() == seq) {
            return false;
        }
        writeHeadFile(AuditHead.signed(firstSeq, seq, lastHash, clock.instant().truncatedTo(ChronoUnit.MILLIS), key));
        return true;
    }

    private void writeHeadFile(AuditHead head) {
        try {
            PrivateFiles.writeAtomically(headFile, (head.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit head", e);
        }
        lastHead = head;
        headExpected = true;
    }

    /** At shutdown: the head covers every entry written. */
    public void close() {
        writeHead();
    }

    public synchronized AuditEntry append(String type, String actor, String subject, Map<String, String> details) {
        checkType(type);
        checkText("actor", actor);
        checkText("subject", subject);
        checkDetails(details);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry entry = AuditEntry.sealed(nextSeq, at, type, actor, subject, details, lastHash);
        String line = (needsLineBreak ? "\n" : "") + entry.toJsonLine() + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log", e);
        }
        needsLineBreak = false;
        entries.add(entry);
        lastHash = entry.hash();
        nextSeq++;
        return entry;
    }

    /** Entries in the order they were written, starting at {@code offset} (0 = the oldest). */
    public synchronized List<AuditEntry> page(long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (offset >= entries.size()) {
            return List.of();
        }
        int from = (int) offset;
        int to = (int) Math.min(entries.size(), offset + limit);
        return List.copyOf(entries.subList(from, to));
    }

    public synchronized long size() {
        return entries.size();
    }

    /**
     * Removes the entries written before {@code cutoff} (the audit retention), keeping the rest verifiable: the
     * file is rewritten at once with an anchor that names the first kept entry and the hash of the last removed
     * one, and the purge itself is appended as an {@code audit.purge} entry. Returns how many were removed.
     */
    public synchronized int purgeBefore(Instant cutoff, String actor) {
        int removed = 0;
        while (removed < entries.size() && entries.get(removed).at().isBefore(cutoff)) {
            removed++;
        }
        if (removed == 0) {
            return 0;
        }
        List<AuditEntry> kept = new ArrayList<>(entries.subList(removed, entries.size()));
        Anchor newAnchor = kept.isEmpty() ? new Anchor(nextSeq, lastHash)
                : new Anchor(kept.get(0).seq(), kept.get(0).prevHash());
        if (anchoring) {
            // Signed before the rewrite: a crash in between must not make the purge look like a cut.
            writeHeadFile(AuditHead.signed(newAnchor.seq(), nextSeq - 1, lastHash,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), key));
        }
        StringBuilder content = new StringBuilder(newAnchor.toJsonLine()).append('\n');
        for (AuditEntry entry : kept) {
            content.append(entry.toJsonLine()).append('\n');
        }
        try {
            PrivateFiles.writeAtomically(file, content.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the audit log", e);
        }
        entries.clear();
        entries.addAll(kept);
        anchor = newAnchor;
        needsLineBreak = false;
        append("audit.purge", actor, "audit-log", Map.of("removed", Integer.toString(removed),
                "before", cutoff.truncatedTo(ChronoUnit.SECONDS).toString()));
        writeHead();
        return removed;
    }

    /** The result of the check made when the log was opened. */
    public VerificationResult verificationAtOpen() {
        return verificationAtOpen;
    }

    /** Re-reads the file and the signed head and checks the whole chain as it is on disk now. */
    public VerificationResult verify() {
        try {
            byte[] content;
            Optional<String> head;
            boolean expected;
            // Both files as of one moment: a head written after the log was read would name entries not read.
            synchronized (this) {
                content = Files.readAllBytes(file);
                head = readHead(headFile);
                expected = headExpected;
            }
            List<String> lines = lines(content);
            Anchor anchor = anchorOf(lines);
            return verify(parse(lines), anchor, head, key, expected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log", e);
        }
    }

    /** The anchor on the first line, taken off the list; the genesis when there is none. */
    private static Anchor anchorOf(List<String> lines) {
        if (!lines.isEmpty() && lines.get(0).startsWith("{\"anchor\"")) {
            try {
                Anchor anchor = Anchor.fromJsonLine(lines.get(0));
                lines.remove(0);
                return anchor;
            } catch (IllegalArgumentException unreadable) {
                // Left in place: it then fails verification as an unreadable entry.
            }
        }
        return Anchor.GENESIS;
    }

    /** One element per line, null where a line cannot be read (verification reports it). */
    private static List<AuditEntry> parse(List<String> lines) {
        List<AuditEntry> parsed = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                parsed.add(AuditEntry.fromJsonLine(line));
            } catch (IllegalArgumentException unreadable) {
                parsed.add(null);
            }
        }
        return parsed;
    }

    private static Optional<String> readHead(Path headFile) throws IOException {
        try {
            return Optional.of(Files.readString(headFile, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.of("");
        }
    }

    private static VerificationResult verify(List<AuditEntry> parsed, Anchor anchor, Optional<String> headText,
                                             Ed25519Key key, boolean headExpected) {
        VerificationResult chain = verifyChain(parsed, anchor);
        if (!chain.ok()) {
            return chain;
        }
        long entries = parsed.size();
        long lastSeq = parsed.isEmpty() ? anchor.seq() - 1 : parsed.get(parsed.size() - 1).seq();
        if (headText.isEmpty()) {
            return headExpected ? VerificationResult.broken(entries, lastSeq, VerificationResult.Problem.MISSING_ANCHOR,
                    HEAD_FILE + " is missing: nothing shows whether entries were cut off or the chain re-hashed")
                    : chain;
        }
        AuditHead head;
        try {
            head = AuditHead.fromJsonLine(headText.get().strip());
        } catch (IllegalArgumentException unreadable) {
            return VerificationResult.broken(entries, lastSeq, VerificationResult.Problem.BAD_SIGNATURE,
                    HEAD_FILE + " cannot be read");
        }
        if (!head.signedBy(key.publicKey())) {
            return VerificationResult.broken(entries, head.seq(), VerificationResult.Problem.BAD_SIGNATURE,
                    HEAD_FILE + " is not signed by this server's audit key");
        }
        if (head.seq() > lastSeq) {
            return VerificationResult.broken(entries, lastSeq + 1, VerificationResult.Problem.TRUNCATED,
                    "entries " + (lastSeq + 1) + " to " + head.seq() + " are missing: the head signed at " + head.at()
                            + " names entry " + head.seq());
        }
        if (anchor.seq() > head.firstSeq()) {
            return VerificationResult.broken(entries, head.firstSeq(), VerificationResult.Problem.TRUNCATED,
                    "entries " + head.firstSeq() + " to " + (anchor.seq() - 1) + " were removed outside a purge");
        }
        if (head.seq() >= anchor.seq() - 1) {
            String hashThere = head.seq() == anchor.seq() - 1 ? anchor.prevHash()
                    : parsed.get((int) (head.seq() - anchor.seq())).hash();
            if (!hashThere.equals(head.hash())) {
                return VerificationResult.broken(entries, head.seq(), VerificationResult.Problem.RECHAINED,
                        "entry " + head.seq() + " is not the one the head signed at " + head.at()
                                + ": the chain was re-hashed");
            }
        }
        return chain;
    }

    private static VerificationResult verifyChain(List<AuditEntry> parsed, Anchor anchor) {
        String previousHash = anchor.prevHash();
        long expected = anchor.seq();
        for (int i = 0; i < parsed.size(); i++, expected++) {
            AuditEntry entry = parsed.get(i);
            long checked = i;
            if (entry == null) {
                return VerificationResult.broken(checked, expected, VerificationResult.Problem.CHANGED,
                        "entry " + expected + " cannot be read");
            }
            if (!entry.hashIsIntact()) {
                return VerificationResult.broken(checked, expected, VerificationResult.Problem.CHANGED,
                        "entry " + expected + " does not match its hash");
            }
            if (entry.seq() != expected) {
                boolean presentElsewhere = entry.seq() < expected || appearsLater(parsed, i + 1, expected);
                return presentElsewhere
                        ? VerificationResult.broken(checked, expected, VerificationResult.Problem.REORDERED,
                                "entry " + expected + " is out of order")
                        : VerificationResult.broken(checked, expected, VerificationResult.Problem.DELETED,
                                "entry " + expected + " is missing");
            }
            if (!entry.prevHash().equals(previousHash)) {
                return VerificationResult.broken(checked, expected, VerificationResult.Problem.BROKEN_LINK,
                        "entry " + expected + " does not follow the entry before it");
            }
            previousHash = entry.hash();
        }
        return VerificationResult.intact(parsed.size());
    }

    private static boolean appearsLater(List<AuditEntry> parsed, int from, long seq) {
        for (int j = from; j < parsed.size(); j++) {
            AuditEntry later = parsed.get(j);
            if (later != null && later.seq() == seq) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(byte[] content) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static void checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("audit type must be a short lower-case word like 'login.succeeded'");
        }
    }

    private static void checkText(String what, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException("audit " + what + " must be an id of 1 to " + MAX_DETAIL_LENGTH + " characters");
        }
    }

    private static void checkDetails(Map<String, String> details) {
        if (details == null) {
            throw new IllegalArgumentException("audit details must not be null (use an empty map)");
        }
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " audit details");
        }
        for (Map.Entry<String, String> detail : details.entrySet()) {
            if (detail.getKey() == null || !KEY.matcher(detail.getKey()).matches()) {
                throw new IllegalArgumentException("audit detail keys are short identifiers");
            }
            String value = detail.getValue();
            if (value == null || value.length() > MAX_DETAIL_LENGTH) {
                throw new IllegalArgumentException(
                        "audit detail '" + detail.getKey() + "' must be at most " + MAX_DETAIL_LENGTH + " characters");
            }
        }
    }
}
