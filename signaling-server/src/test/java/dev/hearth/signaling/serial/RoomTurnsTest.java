package dev.hearth.signaling.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.room.RoomId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands on one room run one at a time in order; rooms run in parallel; nothing waits forever or leaks. */
class RoomTurnsTest {

    /** Long enough never to be hit by a healthy test; the timeout tests use their own short-bounded instance. */
    private final RoomTurns turns = new RoomTurns(4, Duration.ofSeconds(30));
    private final RoomId room = RoomId.random();
    private final RoomId other = RoomId.random();

    @AfterEach
    void stop() {
        turns.close();
    }

    @Test
    void commandsOnOneRoomRunOneAtATimeInTheOrderHandedIn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = new ArrayList<>();
        // Held at the start, so every later command queues up behind it (and more than one batch of them).
        turns.execute(room, () -> await(release));
        for (int i = 0; i < 100; i++) {
            int n = i;
            // A plain list: any two commands of the room running at once would lose or reorder entries.
            turns.execute(room, () -> seen.add(n));
        }
        release.countDown();

        List<Integer> result = turns.call(room, () -> List.copyOf(seen));

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, result);
    }

    @Test
    void differentRoomsTakeTheirTurnsInParallel() {
        CountDownLatch roomStarted = new CountDownLatch(1);
        CountDownLatch otherStarted = new CountDownLatch(1);
        turns.execute(other, () -> {
            otherStarted.countDown();
            await(roomStarted);
        });
        // Each room's command waits for the other's to have started: only possible if both run at once.
        boolean bothAtOnce = turns.call(room, () -> {
            roomStarted.countDown();
            return awaitBounded(otherStarted);
        });
        assertTrue(bothAtOnce);
    }

    @Test
    void aCommandInTheRoomsTurnCallingIntoTheSameRoomRunsInline() {
        int answer = turns.call(room, () -> {
            assertTrue(turns.inTurnOf(room));
            return turns.call(room, () -> 41) + 1;
        });
        assertEquals(42, answer);
        assertFalse(turns.inTurnOf(room), "the caller's thread is not the room's");
    }

    @Test
    void oneRoomsTurnMayNotWaitForAnothersTurn() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> turns.call(room, () -> turns.call(other, () -> 1)));
        assertTrue(refused.getMessage().contains("another room"));
    }

    @Test
    void aCallerWaitsAtMostTheBoundAndTheCommandThenNeverRuns() {
        RoomTurns bounded = new RoomTurns(2, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        try {
            bounded.execute(room, () -> await(release));

            HearthException busy = assertThrows(HearthException.class, () -> bounded.run(room, () -> ran.set(true)));

            assertEquals(ErrorCode.UNAVAILABLE, busy.errorCode());
            assertEquals("The room is busy, try again.", busy.getMessage());
            release.countDown();
            // Everything queued before this has had its turn, the abandoned command included.
            assertEquals("after", bounded.call(room, () -> "after"));
            assertFalse(ran.get(), "an abandoned command must not run later behind the caller's back");
        } finally {
            release.countDown();
            bounded.close();
        }
    }

    @Test
    void aRoomWithTooManyWaitingCommandsRefusesMoreAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        turns.execute(room, () -> {
            started.countDown();
            await(release);
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < RoomTurns.MAX_WAITING; i++) {
            turns.execute(room, () -> { });
        }

        HearthException full = assertThrows(HearthException.class, () -> turns.call(room, () -> 1));

        assertEquals(ErrorCode.UNAVAILABLE, full.errorCode());
        release.countDown();
        assertEquals(1, turns.call(other, () -> 1), "other rooms are not affected");
    }

    @Test
    void theCommandsExceptionReachesTheCaller() {
        HearthException refused = new HearthException(ErrorCode.FORBIDDEN, "no");
        assertEquals(refused, assertThrows(HearthException.class, () -> turns.call(room, () -> {
            throw refused;
        })));
        assertEquals(2, turns.call(room, () -> 2), "the room goes on after a failed command");
    }

    @Test
    void anIdleRoomKeepsNoQueue() {
        for (int i = 0; i < 10; i++) {
            turns.call(RoomId.random(), () -> 1);
            turns.execute(RoomId.random(), () -> { });
        }
        // Closing lets every turn finish; a finished turn that found its queue empty has dropped it.
        turns.close();
        assertEquals(0, turns.busyRooms());
    }

    private static void await(CountDownLatch latch) {
        if (!awaitBounded(latch)) {
            throw new IllegalStateException("latch never released");
        }
    }

    private static boolean awaitBounded(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
