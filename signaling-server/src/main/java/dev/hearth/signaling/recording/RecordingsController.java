package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountException;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerExport;
import dev.hearth.signaling.ledger.LedgerVerification;
import dev.hearth.signaling.ledger.LedgerVerifier;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.web.security.CurrentAccount;
import dev.hearth.signaling.web.BadRequest;
import tools.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Recordings for staff: listings, WebM export, the consent ledger, legal hold. Admins see every recording;
 * a facilitator sees and exports the recordings of their own rooms only. Every export, ledger view and hold
 * change is audit-logged under the account's pseudonymous id.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'FACILITATOR')")
class RecordingsController {

    /** What signaling and the archive each know about one recording id. */
    private record Known(Optional<CatalogEntry> entry, Optional<RecordingInfo> info) {
    }

    private static final Logger log = LoggerFactory.getLogger(RecordingsController.class);
    private static final MediaType WEBM = MediaType.parseMediaType("video/webm");

    private final CurrentAccount current;
    private final RecordingCatalog catalog;
    private final RecordingArchive archive;
    private final ConsentLedger ledger;
    private final RecordingRetention retention;
    private final RoomRegistry rooms;
    private final AuditLog audit;

    RecordingsController(CurrentAccount current, RecordingCatalog catalog, RecordingArchive archive,
                         ConsentLedger ledger, RecordingRetention retention, RoomRegistry rooms, AuditLog audit) {
        this.current = current;
        this.catalog = catalog;
        this.archive = archive;
        this.ledger = ledger;
        this.retention = retention;
        this.rooms = rooms;
        this.audit = audit;
    }

    /** Newest first. */
    @GetMapping("/api/recordings")
    List<RecordingSummary> list() {
        Account account = current.require();
        Map<String, RecordingInfo> archived = new LinkedHashMap<>();
        archive.list().forEach(info -> archived.put(info.recordingId(), info));
        Set<String> ids = new LinkedHashSet<>(archived.keySet());
        catalog.all().forEach(entry -> ids.add(entry.recordingId()));
        int days = retention.recordingDays();
        return ids.stream()
                .map(id -> new Known(catalog.find(id), Optional.ofNullable(archived.get(id))))
                .filter(known -> mayAccess(account, known.entry()))
                .map(known -> RecordingSummary.of(known.entry(), known.info(), days, roomTitle(known.entry(), known.info())))
                .sorted(Comparator.comparing(RecordingSummary::startedAt).reversed())
                .toList();
    }

    @GetMapping("/api/recordings/{id}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String id) {
        Account account = current.require();
        String recordingId = new RecordingId(id).value();
        Optional<CatalogEntry> entry = catalog.find(recordingId);
        Optional<RecordingInfo> info = archive.find(recordingId);
        if (entry.isEmpty() && info.isEmpty()) {
            throw notFound();
        }
        requireAccess(account, entry);
        if (info.isEmpty()) {
            throw notFound();
        }
        // Logged before the first byte leaves: an export cut short still counts as an access.
        audit.append("recording.export", account.id(), recordingId, Map.of("room", info.get().roomId()));
        StreamingResponseBody body = out -> {
            try {
                archive.exportWebm(recordingId, out);
            } catch (RuntimeException e) {
                // The status is already sent; all we can do is end the stream early and say why in the log.
                log.error("recording.export-failed recording={} error={}", recordingId, e.getClass().getSimpleName());
                throw e;
            }
        };
        return ResponseEntity.ok()
                .contentType(WEBM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(recordingId + ".webm").build().toString())
                .body(body);
    }

    /**
     * The consent ledger as a signed export (docs/consent-ledger.md) plus the server's own verification of it.
     * Saved to a file, the answer verifies offline with {@code VerifyLedger}, which ignores {@code verification}.
     */
    @GetMapping("/api/recordings/{id}/consent")
    Map<String, Object> consent(@PathVariable String id) {
        Account account = current.require();
        RecordingId recordingId = new RecordingId(id);
        Optional<CatalogEntry> entry = catalog.find(recordingId.value());
        if (!ledger.exists(recordingId)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no consent ledger for this recording.");
        }
        // Without a catalog entry (never recorded, or purged) only admins know whose it was.
        requireAccess(account, entry);
        LedgerExport export = ledger.export(recordingId);
        LedgerVerification verification = LedgerVerifier.verify(export, Optional.of(ledger.publicKey()));
        audit.append("ledger.view", account.id(), recordingId.value(), Map.of());
        Map<String, Object> answer = new LinkedHashMap<>(export.toJson());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", verification.ok());
        result.put("entriesChecked", verification.entriesChecked());
        result.put("closed", verification.closed());
        result.put("summary", verification.describe());
        verification.failure().ifPresent(f -> {
            result.put("seq", f.seq());
            result.put("problem", f.problem().name());
        });
        answer.put("verification", result);
        return answer;
    }

    /** {@code {"hold": true|false}}, admins only. */
    @PutMapping("/api/recordings/{id}/hold")
    @PreAuthorize("hasRole('ADMIN')")
    RecordingSummary hold(@PathVariable String id, @RequestBody JsonNode body) {
        Account admin = current.require();
        String recordingId = new RecordingId(id).value();
        if (body == null || !body.path("hold").isBoolean() || body.size() != 1) {
            throw new BadRequest("Send {\"hold\": true} or {\"hold\": false}.");
        }
        boolean hold = body.get("hold").asBoolean();
        Optional<RecordingInfo> info = archive.find(recordingId);
        CatalogEntry entry = catalog.setHold(recordingId, hold, info.map(i ->
                new CatalogEntry(i.recordingId(), i.roomId(), "", i.startedAt(), Map.of(), false, Optional.empty())));
        audit.append(hold ? "recording.hold" : "recording.release", admin.id(), recordingId,
                Map.of("room", entry.roomId()));
        return RecordingSummary.of(Optional.of(entry), info, retention.recordingDays(), roomTitle(Optional.of(entry), info));
    }

    private static boolean mayAccess(Account account, Optional<CatalogEntry> entry) {
        return account.hasRole(Role.ADMIN)
                || entry.isPresent() && entry.get().facilitatorAccountId().equals(account.id());
    }

    private static void requireAccess(Account account, Optional<CatalogEntry> entry) {
        if (!mayAccess(account, entry)) {
            throw AccountException.forbidden();
        }
    }

    private Optional<String> roomTitle(Optional<CatalogEntry> entry, Optional<RecordingInfo> info) {
        Optional<String> roomId = entry.map(CatalogEntry::roomId).or(() -> info.map(RecordingInfo::roomId));
        try {
            return roomId.flatMap(value -> rooms.find(new RoomId(value))).map(Room::title);
        } catch (HearthException malformed) {
            return Optional.empty();
        }
    }

    private static HearthException notFound() {
        return new HearthException(ErrorCode.NOT_FOUND, "There is no such recording.");
    }
}
