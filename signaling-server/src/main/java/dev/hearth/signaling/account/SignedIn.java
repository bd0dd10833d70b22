package dev.hearth.signaling.account;

/** A successful sign-in: who, and the session the browser now holds. */
public record SignedIn(Account account, Session session) {
}
