package dev.hearth.signaling.care;

import dev.hearth.signaling.audit.Ed25519Key;

/** The key that signs incident exports (a type of its own, so it is never mistaken for another Ed25519 key). */
public record IncidentSigningKey(Ed25519Key key) {
}
