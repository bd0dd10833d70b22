package dev.hearth.relay.alloc;

import java.util.List;

/**
 * Shares one subscriber's estimate out over the tracks it receives (issue 11, "Allocator"):
 * <ol>
 *   <li>audio first, always: a therapy group must hear each other even when no video fits;</li>
 *   <li>then video in priority order, the active speaker and pinned tracks first, then larger tiles first: every
 *       video first gets its lowest layer while the budget lasts (the rest are paused, and the client says so), then,
 *       in the same order, each is raised as far as the budget and its tile allow;</li>
 *   <li>never above the smallest layer that covers the tile the client reports (a thumbnail gets the thumbnail
 *       layer whatever the estimate), nothing for a hidden tile.</li>
 * </ol>
 *
 * <p>Hysteresis, so the subscriber's picture does not flap: a downgrade happens at once (the estimate says the path
 * cannot carry the current layers), an upgrade (including un-pausing) only once the budget has covered the higher
 * layer's bitrate plus {@link #UPGRADE_HEADROOM} without a break for {@link #UPGRADE_HOLD_MICROS}. While waiting, the
 * current layer keeps its share. {@link #wantedBps()} is what the subscriber could use (every track at its tile's
 * layer), which the estimator's probing aims for.
 *
 * <p>Call {@link #allocate} when the estimate, the layers' measured bitrates or the client's reports change, and
 * periodically (so pending upgrades come due); it allocates nothing. Not thread-safe: owned by the subscriber
 * transport's event loop.
 */
public final class LayerAllocator {
    public static final double UPGRADE_HEADROOM = 0.15;
    public static final long UPGRADE_HOLD_MICROS = 1_500_000;
    private static final int MAX_TRACKS = 64;

    private final int[] order = new int[MAX_TRACKS];
    private final int[] desired = new int[MAX_TRACKS];
    private long wantedBps;

    /**
     * Chooses a layer for each track (see {@link SubscribedTrack#selectedLayer()}).
     *
     * @return the bitrate the selection will use
     */
    public long allocate(long estimateBps, List<SubscribedTrack> tracks, long nowMicros) {
        int n = Math.min(tracks.size(), MAX_TRACKS);
        long budget = estimateBps;
        long wanted = 0;
        for (int i = 0; i < n; i++) {
            SubscribedTrack t = tracks.get(i);
            if (t.isAudio()) {
                t.select(0);
                budget -= t.bitrate(0);
                wanted += t.bitrate(0);
            } else {
                wanted += t.bitrate(t.usefulCap());
            }
        }
        wantedBps = wanted;
        int videos = sortVideoByPriority(tracks, n);

        // pass 1: the lowest layer for everyone, in priority order; pass 2: raise in priority order
        for (int k = 0; k < videos; k++) {
            SubscribedTrack t = tracks.get(order[k]);
            int lowest = t.usefulCap() == SubscribedTrack.PAUSED ? SubscribedTrack.PAUSED : t.lowestAvailable();
            int choice = SubscribedTrack.PAUSED;
            if (lowest != SubscribedTrack.PAUSED && fits(t, lowest, budget)) {
                choice = lowest;
                budget -= t.bitrate(lowest);
            }
            desired[k] = choice;
        }
        for (int k = 0; k < videos; k++) {
            SubscribedTrack t = tracks.get(order[k]);
            int choice = desired[k];
            if (choice == SubscribedTrack.PAUSED) {
                continue;
            }
            long current = t.bitrate(choice);
            for (int l = t.usefulCap(); l > choice; l--) {
                if (t.available(l) && fits(t, l, budget + current)) {
                    budget -= t.bitrate(l) - current;
                    choice = l;
                    break;
                }
            }
            desired[k] = choice;
        }

        long used = 0;
        for (int k = 0; k < videos; k++) {
            SubscribedTrack t = tracks.get(order[k]);
            applyHysteresis(t, desired[k], nowMicros);
            used += t.bitrate(t.selectedLayer());
        }
        for (int i = 0; i < n; i++) {
            SubscribedTrack t = tracks.get(i);
            if (t.isAudio()) {
                used += t.bitrate(0);
            }
        }
        return used;
    }

    /** The bitrate every track at its useful cap would need (audio included). */
    public long wantedBps() {
        return wantedBps;
    }

    /**
     * Upgrades need the headroom; the current layer (a keep or a downgrade) only has to fit. A track's own
     * current layer is credited back, since switching frees it.
     */
    private static boolean fits(SubscribedTrack t, int layer, long budget) {
        long cost = t.bitrate(layer);
        boolean upgrade = layer > t.selectedLayer();
        return (upgrade ? cost * (1 + UPGRADE_HEADROOM) : cost) <= budget;
    }

    private static void applyHysteresis(SubscribedTrack t, int wanted, long nowMicros) {
        int current = t.selectedLayer();
        boolean currentGone = current != SubscribedTrack.PAUSED && !t.available(current);
        if (wanted <= current || currentGone) {
            t.select(wanted);
            t.noUpgrade();
        } else if (nowMicros - t.upgradeAffordable(nowMicros) >= UPGRADE_HOLD_MICROS) {
            t.select(wanted);
            t.noUpgrade();
        }
    }

    /** Insertion sort of the video tracks' indexes into {@link #order}: priority, then tile area, then list order. */
    private int sortVideoByPriority(List<SubscribedTrack> tracks, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (tracks.get(i).isAudio()) {
                continue;
            }
            int j = count++;
            while (j > 0 && before(tracks.get(i), tracks.get(order[j - 1]))) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return count;
    }

    private static boolean before(SubscribedTrack a, SubscribedTrack b) {
        if (a.isPriority() != b.isPriority()) {
            return a.isPriority();
        }
        return a.tileArea() > b.tileArea();
    }
}
