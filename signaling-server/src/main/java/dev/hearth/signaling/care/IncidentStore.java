package dev.hearth.signaling.care;

import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.audit.StrictJson;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.room.Incident;
import dev.hearth.signaling.room.IncidentId;
import dev.hearth.signaling.room.IncidentStatus;
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
 * Breach incidents (issue 13 §2): {@code <dataDir>/incidents.json}, 0600, rewritten atomically on every change.
 * Status, times, actions and linked audit entries are in clear; the facilitator's account of what happened is
 * sealed under the incidents subkey of the master key, bound to the incident id. Kept like the audit log (the
 * retention purge does not delete incidents).
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class IncidentStore {

    public static final String FILE_NAME = "incidents.json";
    public static final String PURPOSE = "hearth-incident-reports/1";
    /** A report is a few paragraphs, not a document. */
    public static final int MAX_REPORT_LENGTH = 4000;

    private final Path file;
    private final SealedText reports;
    private final Map<String, Stored> incidents = new LinkedHashMap<>();

    private record Stored(Incident incident, String sealedReport) {
    }

    record FileShape(int version, List<IncidentShape> incidents) {
    }

    record IncidentShape(String id, String roomId, String reportedBy, String reportedAt, List<String> actions,
                         List<Long> auditEntries, List<StepShape> history, String sealedReport) {
    }

    record StepShape(String status, String at, String by) {
    }

    private IncidentStore(Path file, SealedText reports) {
        this.file = file;
        this.reports = reports;
    }

    /** {@code key}: the master key's subkey for {@link #PURPOSE}. A file that cannot be read stops start-up. */
    public static IncidentStore open(Path dataDir, byte[] key) {
        IncidentStore store = new IncidentStore(dataDir.resolve(FILE_NAME), new SealedText(key, PURPOSE));
        store.load();
        return store;
    }

    public synchronized void add(Incident incident, String report) {
        if (report == null || report.isBlank() || report.length() > MAX_REPORT_LENGTH) {
            throw new HearthException(ErrorCode.INVALID_INPUT,
                    "Say in a few words what happened (at most " + MAX_REPORT_LENGTH + " characters).");
        }
        incidents.put(incident.id().value(), new Stored(incident, reports.seal(incident.id().value(), report.strip())));
        save();
    }

    public synchronized Optional<Incident> find(IncidentId id) {
        return Optional.ofNullable(incidents.get(id.value())).map(Stored::incident);
    }

    /** The facilitator's report, opened; "(unreadable)" when it no longer opens (another master key). */
    public synchronized String report(IncidentId id) {
        Stored stored = incidents.get(id.value());
        if (stored == null) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such incident.");
        }
        return reports.open(id.value(), stored.sealedReport()).orElse("(unreadable)");
    }

    /** Newest first. */
    public synchronized List<Incident> all() {
        List<Incident> list = new ArrayList<>(incidents.values().stream().map(Stored::incident).toList());
        java.util.Collections.reverse(list);
        return list;
    }

    /** @throws HearthException {@code bad-state} when the incident cannot move there */
    public synchronized Incident moveTo(IncidentId id, IncidentStatus status, String by, Instant at) {
        Stored stored = incidents.get(id.value());
        if (stored == null) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such incident.");
        }
        stored.incident().moveTo(status, by, at);
        save();
        return stored.incident();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        FileShape shape;
        try {
            shape = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8), FileShape.class, "the incidents file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (IncidentShape s : shape.incidents()) {
            List<Incident.Step> history = s.history().stream().map(step -> new Incident.Step(
                    IncidentStatus.parse(step.status()), Instant.parse(step.at()), step.by())).toList();
            Incident incident = Incident.restore(new IncidentId(s.id()), s.roomId(), s.reportedBy(),
                    Instant.parse(s.reportedAt()), s.actions(), s.auditEntries(), history);
            incidents.put(s.id(), new Stored(incident, s.sealedReport()));
        }
    }

    private void save() {
        List<IncidentShape> shapes = incidents.values().stream().map(stored -> {
            Incident i = stored.incident();
            return new IncidentShape(i.id().value(), i.roomId(), i.reportedBy(), i.reportedAt().toString(), i.actions(),
                    i.auditEntries(), i.history().stream().map(step -> new StepShape(step.status().wire(),
                            step.at().toString(), step.by())).toList(), stored.sealedReport());
        }).toList();
        try {
            PrivateFiles.writeAtomically(file, StrictJson.write(new FileShape(1, shapes)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the incidents file", e);
        }
    }
}
