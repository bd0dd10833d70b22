package dev.hearth.signaling.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonSetter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hearth's strict JSON as untyped maps and lists, for the files not yet bound to records (accounts, setup code,
 * consent ledger and its export). Same configuration as {@link StrictJson}, which the audit log, its head, the
 * retention policy and the recordings catalog use; numbers come back as {@link Long}.
 */
public final class PlainJson {

    private static final JsonMapper MAPPER = StrictJson.MAPPER.rebuild()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            // Untyped documents carry nulls of their own (an open recording's end); their readers check them.
            .changeDefaultNullHandling(value -> JsonSetter.Value.empty())
            .build();

    private PlainJson() {
    }

    /** Thrown for any text that is not in the dialect; the message says where, never what. */
    public static final class ParseException extends IllegalArgumentException {
        ParseException(String message) {
            super(message);
        }
    }

    /** Maps come back as unmodifiable insertion-ordered maps, lists unmodifiable, numbers as {@link Long}. */
    public static Object parse(String text) {
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            // Location only, never Jackson's message: it quotes the text, and the files hold password hashes.
            throw new ParseException("not valid JSON" + where(e));
        }
        if (value == null && !"null".equals(text.strip())) {
            throw new ParseException("no JSON value");
        }
        return frozen(value);
    }

    public static Map<String, Object> parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new ParseException("expected a JSON object");
    }

    public static String write(Object value) {
        requireWritable(value);
        return MAPPER.writeValueAsString(value);
    }

    private static String where(JacksonException e) {
        var location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Rejects what the dialect has no room for, and copies into unmodifiable collections. */
    private static Object frozen(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, frozen(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        throw new ParseException(value instanceof Number ? "only whole numbers that fit 64 bits are supported"
                : "unsupported value");
    }

    private static void requireWritable(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(PlainJson::requireWritable);
            return;
        }
        if (value instanceof List<?> list) {
            list.forEach(PlainJson::requireWritable);
            return;
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON");
    }
}
