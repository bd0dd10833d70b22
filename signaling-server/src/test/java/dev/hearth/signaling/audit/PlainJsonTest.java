package dev.hearth.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void writtenValuesReadBackUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t line-sep \u2028 émoji 🙂");
        value.put("number", -42L);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", List.of("a", 1L, Map.of("k", "v")));
        assertEquals(value, PlainJson.parse(PlainJson.write(value)));
    }

    @Test
    void writtenTextHasNoRawLineBreaks() {
        String json = PlainJson.write(Map.of("s", "a\nb\rc\u2028d\u2029e"));
        assertEquals(-1, json.indexOf('\n'));
        assertEquals(-1, json.indexOf('\r'));
        assertEquals(-1, json.indexOf('\u2028'));
    }

    @Test
    void loneSurrogateIsEscapedAndReadBack() {
        String odd = "x\ud800y";
        String json = PlainJson.write(odd);
        assertEquals("\"x\\ud800y\"", json);
        assertEquals(odd, PlainJson.parse(json));
    }

    @Test
    void rejectsWhatIsNotStrictJson() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "01", "1.5", "1e3", "[1 2]",
                "\"unterminated", "\"bad \\x escape\"", "{\"a\":1} trailing", "tru", "{a:1}", "\"ctl \u0001\"",
                "99999999999999999999", "[" .repeat(100) + "]".repeat(100))) {
            assertThrows(PlainJson.ParseException.class, () -> PlainJson.parse(bad), bad);
        }
    }

    @Test
    void parseObjectRejectsOtherValues() {
        assertThrows(PlainJson.ParseException.class, () -> PlainJson.parseObject("[1]"));
    }
}
