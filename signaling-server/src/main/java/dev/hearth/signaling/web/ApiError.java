package dev.hearth.signaling.web;

/** The body of every error answer under /api: a stable code for programs and a message for people. */
public record ApiError(String code, String message) {
}
