package dev.hearth.relay.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The recordings on disk, as signaling sees them: encrypted at rest, exported as WebM on the fly, destroyed by
 * destroying their key first (crypto-shredding).
 */
public interface RecordingArchive {

    /** Every recording in the data directory, newest first. */
    List<RecordingInfo> list();

    Optional<RecordingInfo> find(String recordingId);

    /**
     * Streams the recording as WebM (VP8 and Opus, one track per participant and kind), decrypting on the fly.
     * Paused intervals are left out. Throws {@link RecordingException} {@code not-found}, {@code corrupt}
     * (authentication failed: changed, reordered or spliced data) or {@code shredded}.
     */
    void exportWebm(String recordingId, OutputStream out) throws IOException;

    /**
     * A 32-byte key for what others keep about this recording (the catalog's names), derived from the
     * recording's own data key, so that {@link #shred} makes that data unreadable too. Empty once the recording
     * was shredded or for an id the archive never had. Throws {@link RecordingException} {@code io} when another
     * master key wrapped it, {@code corrupt} when its key file was changed.
     */
    Optional<byte[]> catalogKey(String recordingId);

    /** Destroys the recording's data key, then deletes its files. Unknown ids are ignored. */
    void shred(String recordingId);
}
