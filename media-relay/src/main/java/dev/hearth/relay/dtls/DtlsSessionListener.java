package dev.hearth.relay.dtls;

/**
 * Told once when a {@link DtlsServerSession} ends, whatever the cause. Called on a DTLS executor thread or on
 * the thread that closed the session; it must return quickly and must not block.
 */
@FunctionalInterface
public interface DtlsSessionListener {

    void onClosed(DtlsCloseReason reason);
}
