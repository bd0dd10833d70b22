package dev.hearth.signaling.account;

/** What an account may do: admins manage accounts and see the audit log; facilitators run rooms. */
public enum Role {
    ADMIN,
    FACILITATOR
}
