package dev.hearth.signaling.account;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ends expired sessions every second, so a connection holding one (a facilitator in a room) learns within a
 * second that its session reached the maximum lifetime, not only when someone next uses it.
 */
public final class SessionSweep {

    private final SessionRegistry sessions;

    public SessionSweep(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = 1000)
    public void run() {
        sessions.endExpired();
    }
}
