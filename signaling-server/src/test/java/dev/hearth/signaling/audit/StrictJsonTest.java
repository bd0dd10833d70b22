package dev.hearth.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one configuration every file Hearth writes goes through (what PlainJsonTest checked, now on records). */
class StrictJsonTest {

    record Sample(String text, long number, boolean flag, List<String> list, Map<String, String> map) {
    }

    private static final Sample SAMPLE = new Sample("quote \" backslash \\ newline \n tab \t line-sep \u2028 émoji 🙂",
            -42, true, List.of("a", "b"), Map.of("k", "v"));

    @Test
    void writtenRecordsReadBackUnchanged() {
        assertEquals(SAMPLE, StrictJson.read(StrictJson.write(SAMPLE), Sample.class, "a sample"));
    }

    @Test
    void writtenTextHasNoRawLineBreaks() {
        String json = StrictJson.write(Map.of("s", "a\nb\rc\u2028d\u2029e"));
        assertEquals(-1, json.indexOf('\n'));
        assertEquals(-1, json.indexOf('\r'));
        assertEquals(-1, json.indexOf('\u2028'));
        assertEquals(-1, json.indexOf('\u2029'));
    }

    @Test
    void loneSurrogateIsEscapedAndReadBack() {
        Sample odd = new Sample("x\ud800y", 1, false, List.of(), Map.of());
        String json = StrictJson.write(odd);
        assertTrue(json.contains("x\\ud800y"), json);
        assertEquals(odd, StrictJson.read(json, Sample.class, "a sample"));
    }

    @Test
    void rejectsWhatIsNotStrictJsonForTheRecord() {
        String good = StrictJson.write(SAMPLE);
        for (String bad : List.of("", "{", good.replace("}", ",}"), good.replace("\"number\":-42", "\"number\":-42,\"number\":1"),
                good.replace("-42", "01"), good.replace("-42", "1.5"), good.replace("-42", "1e3"),
                good.replace("-42", "99999999999999999999"), good.replace("-42", "\"-42\""), good.replace("true", "1"),
                good.replace("\"v\"", "null"), good.replace("\"v\"", "7"), good.replace("[\"a\",\"b\"]", "[\"a\" \"b\"]"),
                good.replace("[\"a\",\"b\"]", "[\"a\",null]"), good + " trailing", good.replace("true", "tru"),
                "{text:1}", "\"ctl \u0001\"", "null", "[]",
                "{\"map\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101))) {
            assertThrows(StrictJson.ParseException.class, () -> StrictJson.read(bad, Sample.class, "a sample"), bad);
        }
    }
}
