package dev.hearth.signaling.retention;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.recording.CatalogEntry;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crypto-shreds every recording of a room that is being deleted, as the retention purge does when a recording
 * expires (the archive destroys the data key first), except those on legal hold: a hold outlives the room. The
 * consent ledger stays, under its own retention, like after any purge.
 */
public final class RoomShredding {

    /** What happened to the room's recordings; {@code failed} ones are still there and may be tried again. */
    public record Result(List<String> shredded, List<String> keptOnHold, List<String> failed) {
        public Result {
            shredded = List.copyOf(shredded);
            keptOnHold = List.copyOf(keptOnHold);
            failed = List.copyOf(failed);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RoomShredding.class);

    private final RecordingCatalog catalog;
    private final RecordingArchive archive;
    private final AuditLog audit;

    public RoomShredding(RecordingCatalog catalog, RecordingArchive archive, AuditLog audit) {
        this.catalog = catalog;
        this.archive = archive;
        this.audit = audit;
    }

    /** {@code actor}: the account deleting the room. */
    public synchronized Result shredRoom(String roomId, String actor) {
        Set<String> ids = new LinkedHashSet<>();
        catalog.all().stream().filter(entry -> entry.roomId().equals(roomId)).forEach(entry -> ids.add(entry.recordingId()));
        // A recording the catalog lost is still the room's, and still readable until shredded.
        archive.list().stream().filter(info -> info.roomId().equals(roomId)).map(RecordingInfo::recordingId).forEach(ids::add);

        List<String> shredded = new ArrayList<>();
        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            Optional<CatalogEntry> entry = catalog.find(id);
            if (entry.map(CatalogEntry::hold).orElse(false)) {
                held.add(id);
                continue;
            }
            try {
                archive.shred(id);
            } catch (RuntimeException e) {
                log.error("room.shred-failed recording={} error={}", id, e.getClass().getSimpleName());
                audit.append("recording.purge-failed", actor, id, Map.of("room", roomId));
                failed.add(id);
                continue;
            }
            catalog.remove(id);
            audit.append("recording.purge", actor, id, Map.of("room", roomId, "reason", "room-deleted"));
            shredded.add(id);
        }
        return new Result(shredded, held, failed);
    }
}
