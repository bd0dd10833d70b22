package dev.hearth.signaling.protocol;

import tools.jackson.databind.JsonNode;

/** A parsed client message: its {@code type}, the optional request {@code id} to echo, and its body. */
record Inbound(String type, String id, JsonNode body) {

    /** A required string field, bounded so no field can carry a payload bigger than its purpose. */
    String text(String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString()) {
            throw new ProtocolException("bad-request", "\"" + field + "\" is required.");
        }
        String text = value.stringValue();
        if (text.length() > maxLength) {
            throw new ProtocolException("bad-request", "\"" + field + "\" is too long.");
        }
        return text;
    }

    String optionalText(String field, int maxLength) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : text(field, maxLength);
    }

    int integer(String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ProtocolException("bad-request", "\"" + field + "\" must be a whole number.");
        }
        return value.intValue();
    }

    boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isBoolean()) {
            throw new ProtocolException("bad-request", "\"" + field + "\" must be true or false.");
        }
        return value.booleanValue();
    }
}
