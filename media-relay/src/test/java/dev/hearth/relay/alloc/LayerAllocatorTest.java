package dev.hearth.relay.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class LayerAllocatorTest {
    private static final long SECOND = 1_000_000;
    private static final int LOW = 0;
    private static final int MID = 1;
    private static final int HIGH = 2;

    private final LayerAllocator allocator = new LayerAllocator();

    /** A typical three-layer browser simulcast: 180p / 360p / 720p. */
    private static SubscribedTrack camera() {
        return SubscribedTrack.video()
                .setLayer(0, 320, 180, 150_000)
                .setLayer(1, 640, 360, 500_000)
                .setLayer(2, 1280, 720, 1_500_000);
    }

    /** Runs long enough for every affordable upgrade to come due. */
    private long settle(long estimate, List<SubscribedTrack> tracks) {
        long used = 0;
        for (long t = 0; t <= 2 * LayerAllocator.UPGRADE_HOLD_MICROS; t += SECOND / 10) {
            used = allocator.allocate(estimate, tracks, now += SECOND / 10);
        }
        return used;
    }

    private long now;

    @Test
    void audioIsForwardedEvenWhenNoVideoFits() {
        SubscribedTrack audio = SubscribedTrack.audio(40_000);
        SubscribedTrack video = camera();
        long used = settle(100_000, List.of(video, audio));
        assertEquals(0, audio.selectedLayer());
        assertTrue(video.paused());
        assertEquals(40_000, used);
    }

    @Test
    void everyoneGetsTheLowestLayerBeforeAnyoneGetsMore() {
        List<SubscribedTrack> tracks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tracks.add(camera());
        }
        long used = settle(5 * 150_000 * 115 / 100 + 10_000, tracks);
        tracks.forEach(t -> assertEquals(LOW, t.selectedLayer()));
        assertTrue(used <= 5 * 150_000 * 115 / 100 + 10_000);
    }

    @Test
    void theActiveSpeakerAndPinnedTracksGetTheirLayersFirstThenLargerTiles() {
        SubscribedTrack small = camera().setTile(400, 225);
        SubscribedTrack large = camera().setTile(1280, 720);
        SubscribedTrack speaker = camera().setTile(640, 360).setActiveSpeaker(true);
        SubscribedTrack pinned = camera().setTile(1280, 720).setPinned(true);
        List<SubscribedTrack> tracks = List.of(small, large, speaker, pinned);
        // lowest for all (600k), pinned to 720p (+1.35M), speaker to 360p (+350k), then 300k left: none fits more
        settle(2_500_000, tracks);
        assertEquals(HIGH, pinned.selectedLayer());
        assertEquals(MID, speaker.selectedLayer());
        assertEquals(LOW, large.selectedLayer());
        assertEquals(LOW, small.selectedLayer());
        // with too little for all four lowest layers, the small tile is the one paused
        settle(3 * 150_000 * 115 / 100, tracks);
        assertTrue(small.paused());
        assertEquals(LOW, pinned.selectedLayer());
        assertEquals(LOW, speaker.selectedLayer());
        assertEquals(LOW, large.selectedLayer());
    }

    @Test
    void neverALayerLargerThanTheTileNeedsAndNothingForAHiddenTile() {
        SubscribedTrack thumbnail = camera().setTile(320, 180);
        SubscribedTrack between = camera().setTile(400, 225);
        SubscribedTrack hidden = camera().setTile(0, 0);
        SubscribedTrack unknown = camera();
        List<SubscribedTrack> tracks = List.of(thumbnail, between, hidden, unknown);
        settle(20_000_000, tracks);
        assertEquals(LOW, thumbnail.selectedLayer());
        assertEquals(MID, between.selectedLayer());
        assertTrue(hidden.paused());
        assertEquals(HIGH, unknown.selectedLayer());
        assertEquals(150_000 + 500_000 + 1_500_000, allocator.wantedBps());
    }

    @Test
    void layersThatAreNotArrivingAreNeverChosen() {
        SubscribedTrack track = camera().setLayer(2, 1280, 720, 0);
        settle(20_000_000, List.of(track));
        assertEquals(MID, track.selectedLayer());
        track.setLayer(1, 640, 360, 0);
        allocator.allocate(20_000_000, List.of(track), now += 1);
        assertEquals(LOW, track.selectedLayer(), "a vanished layer is left at once");
    }

    @Test
    void downgradesAtOnceButUpgradesOnlyAfterTheEstimateHeldWithHeadroom() {
        SubscribedTrack track = camera();
        List<SubscribedTrack> tracks = List.of(track);
        settle(2_000_000, tracks);
        assertEquals(HIGH, track.selectedLayer());

        allocator.allocate(1_000_000, tracks, now += 1);
        assertEquals(MID, track.selectedLayer(), "downgrade without delay");

        // just above 720p's bitrate but within the headroom: no upgrade however long it lasts
        for (int i = 0; i < 50; i++) {
            allocator.allocate(1_600_000, tracks, now += SECOND / 10);
        }
        assertEquals(MID, track.selectedLayer());

        // with headroom, but dipping below it every second: the hold restarts, no flapping
        for (int i = 0; i < 50; i++) {
            allocator.allocate(i % 10 == 9 ? 1_600_000 : 1_800_000, tracks, now += SECOND / 10);
        }
        assertEquals(MID, track.selectedLayer());

        // with headroom held: the upgrade comes after the hold time, not before
        long start = now;
        while (track.selectedLayer() == MID && now - start < 10 * SECOND) {
            allocator.allocate(1_800_000, tracks, now += SECOND / 10);
        }
        assertEquals(HIGH, track.selectedLayer());
        assertTrue(now - start >= LayerAllocator.UPGRADE_HOLD_MICROS, () -> "upgraded after " + (now - start));
    }

    @Test
    void aPausedVideoResumesOnlyWhenItsLowestLayerFitsWithHeadroomForTheHoldTime() {
        SubscribedTrack audio = SubscribedTrack.audio(40_000);
        SubscribedTrack video = camera();
        List<SubscribedTrack> tracks = List.of(audio, video);
        settle(100_000, tracks);
        assertTrue(video.paused());
        for (int i = 0; i < 30; i++) {
            allocator.allocate(i % 2 == 0 ? 195_000 : 230_000, tracks, now += SECOND / 10);
        }
        assertTrue(video.paused(), "an estimate around the lowest layer must not pause and resume it");
        settle(240_000, tracks);
        assertEquals(LOW, video.selectedLayer());
    }
}
