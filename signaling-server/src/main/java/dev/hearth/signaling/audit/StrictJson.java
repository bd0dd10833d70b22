package dev.hearth.signaling.audit;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson, configured for the files Hearth writes itself (accounts, setup code, audit log and head, consent
 * ledger and its export, retention policy, recordings catalog): records are bound field by field, and a file
 * edited by hand is either read exactly or rejected, never reinterpreted. No duplicate, unknown, missing or null
 * fields, no trailing data, no coercion (a number is not a text, {@code 1.5} is not a whole number), bounded
 * nesting. Written text never contains a raw line break of any kind, so one record is always exactly one line.
 *
 * <p>Hashes and signatures never cover this text; they cover {@link CanonicalBytes}.
 */
public final class StrictJson {

    private static final int MAX_DEPTH = 32;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .characterEscapes(new LineSafeEscapes())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            // A null inside a map or list (a detail value, say) is refused like a null field.
            .changeDefaultNullHandling(value -> JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .build();

    /**
     * For records with {@link java.util.Optional} fields that a file may leave out (an older version's, say): an
     * absent optional is empty, while an absent or null plain field is still refused (null creator properties and
     * null primitives fail).
     */
    private static final JsonMapper OPTIONALS_MAY_BE_ABSENT = MAPPER.rebuild()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private StrictJson() {
    }

    /** Thrown for text that is not the expected record; the message names the field and place, never a value. */
    public static final class ParseException extends IllegalArgumentException {
        ParseException(String message) {
            super(message);
        }
    }

    /** @throws ParseException saying what is wrong where, without quoting the text (the files hold hashes) */
    public static <T> T read(String text, Class<T> type, String what) {
        return read(MAPPER, text, type, what);
    }

    /** Like {@link #read}, for records whose optional fields may be absent. */
    public static <T> T readWithAbsentOptionals(String text, Class<T> type, String what) {
        return read(OPTIONALS_MAY_BE_ABSENT, text, type, what);
    }

    /** Binds a part of a document read as a tree, under the same rules. */
    public static <T> T bind(tools.jackson.databind.JsonNode node, Class<T> type, String what) {
        try {
            T value = MAPPER.treeToValue(node, type);
            if (value == null) {
                throw new ParseException("not " + what + ": no JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new ParseException("not " + what + field(e) + where(e));
        }
    }

    private static <T> T read(JsonMapper mapper, String text, Class<T> type, String what) {
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ParseException("not " + what + ": no JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new ParseException("not " + what + field(e) + where(e));
        }
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private static String field(JacksonException e) {
        String path = e.getPath().stream().map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : ": field '" + path + "' is missing, null, of the wrong type or unexpected";
    }

    private static String where(JacksonException e) {
        var location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Standard JSON escapes plus the Unicode line and paragraph separators (line breaks to some readers) and
     * every surrogate, so a lone surrogate survives the trip through UTF-8 instead of becoming '?'.
     */
    private static final class LineSafeEscapes extends CharacterEscapes {

        private static final int[] ASCII = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '\u2028' || ch == '\u2029' || Character.isSurrogate((char) ch)) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
