package dev.hearth.signaling.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hearth.signaling.identity.InvalidNameException.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FirstNameTest {

    static Stream<Arguments> acceptedNames() {
        return Stream.of(
                arguments("Ana", "Ana"),
                arguments("José", "José"),
                arguments("Jose\u0301", "José"), // decomposed accent is composed by NFKC
                arguments("Zoë", "Zoë"),
                arguments("Anne-Marie", "Anne-Marie"),
                arguments("O'Brien", "O'Brien"),
                arguments("D\u2019Angelo", "D'Angelo"), // typographic apostrophe becomes '
                arguments("N'Golo", "N'Golo"),
                arguments("Jean-Luc", "Jean-Luc"),
                arguments("Łukasz", "Łukasz"),
                arguments("Søren", "Søren"),
                arguments("Åsa", "Åsa"),
                arguments("Siobhán", "Siobhán"),
                arguments("İlkay", "İlkay"),
                arguments("Şule", "Şule"),
                arguments("Đorđe", "Đorđe"),
                arguments("Thảo", "Thảo"),
                arguments("Dương", "Dương"),
                arguments("Ngozi", "Ngozi"),
                arguments("Мария", "Мария"),
                arguments("Дмитрий", "Дмитрий"),
                arguments("Олександр", "Олександр"),
                arguments("Σοφία", "Σοφία"),
                arguments("Αλέξανδρος", "Αλέξανδρος"),
                arguments("李", "李"),
                arguments("陽菜", "陽菜"),
                arguments("奈々", "奈々"),
                arguments("ゆう子", "ゆう子"), // Japanese mixes kana and kanji in one name
                arguments("ユーリ", "ユーリ"), // the prolonged sound mark ー belongs to Japanese
                arguments("민준", "민준"),
                arguments("محمد", "محمد"),
                arguments("فاطمة", "فاطمة"),
                arguments("יעל", "יעל"),
                arguments("יָעֵל", "יָעֵל"), // Hebrew with vowel points
                arguments("अनिल", "अनिल"),
                arguments("क्षिति", "क्षिति"), // Devanagari virama and vowel signs
                arguments("கமலா", "கமலா"),
                arguments("Սոնա", "Սոնա"),
                arguments("ნინო", "ნინო"),
                arguments("สมชาย", "สมชาย"),
                arguments("Ｊｏｈｎ", "John"), // NFKC folds full-width Latin to ASCII, and then it is a fine name
                arguments("  Ana  ", "Ana"),
                arguments("\u00A0Ana\u3000", "Ana"), // no-break and ideographic spaces around are trimmed
                arguments("Abcdefghijklmnopqrstuvwx", "Abcdefghijklmnopqrstuvwx"), // exactly 24
                arguments("J", "J"),
                arguments("e\u0301\u0302", "\u00E9\u0302")); // two accents on one letter are allowed
    }

    static Stream<Arguments> rejectedNames() {
        return Stream.of(
                arguments("John Smith", Reason.TWO_NAMES),
                arguments("Ana\tMaria", Reason.TWO_NAMES),
                arguments("Ana\nMaria", Reason.TWO_NAMES),
                arguments("Ana\u3000Maria", Reason.TWO_NAMES),
                arguments("ana@example.com", Reason.EMAIL),
                arguments("@ana", Reason.EMAIL),
                arguments("+1 555 123 4567", Reason.PHONE_NUMBER),
                arguments("5551234", Reason.PHONE_NUMBER),
                arguments("５５５１２３４", Reason.PHONE_NUMBER), // full-width digits fold to digits
                arguments("123", Reason.DIGITS),
                arguments("Ana1", Reason.DIGITS),
                arguments("Sam (2)", Reason.DIGITS), // cannot pose as the second Sam in the room
                arguments("½", Reason.DIGITS),
                arguments("Dr.", Reason.SYMBOLS),
                arguments("Dr", Reason.RESERVED_WORD),
                arguments("dr", Reason.RESERVED_WORD),
                arguments("Facilitator", Reason.RESERVED_WORD),
                arguments("ADMIN", Reason.RESERVED_WORD),
                arguments("Host", Reason.RESERVED_WORD),
                arguments("Mrs", Reason.RESERVED_WORD),
                arguments("Guest", Reason.RESERVED_WORD),
                arguments("everyone", Reason.RESERVED_WORD),
                arguments("Therapist", Reason.RESERVED_WORD),
                arguments("Admín", Reason.RESERVED_WORD), // an accent does not disguise a role
                arguments("Ａｄｍｉｎ", Reason.RESERVED_WORD), // nor does full width
                arguments("НОЅТ", Reason.RESERVED_WORD), // all-Cyrillic look-alike of HOST
                arguments("Ad-min", Reason.RESERVED_WORD),
                arguments("Dr-Ana", Reason.RESERVED_WORD),
                arguments("Ana\u200DMaria", Reason.INVISIBLE), // zero-width joiner
                arguments("Ana\u200CMaria", Reason.INVISIBLE), // zero-width non-joiner
                arguments("Ana\u200B", Reason.INVISIBLE), // zero-width space
                arguments("\uFEFFAna", Reason.INVISIBLE), // byte-order mark
                arguments("Ana\u2060", Reason.INVISIBLE), // word joiner
                arguments("Ana\u00AD", Reason.INVISIBLE), // soft hyphen
                arguments("\u202Eana", Reason.INVISIBLE), // right-to-left override
                arguments("\u202AAna", Reason.INVISIBLE), // left-to-right embedding
                arguments("\u2066Ana\u2069", Reason.INVISIBLE), // LRI ... PDI
                arguments("\u200EAna", Reason.INVISIBLE), // left-to-right mark
                arguments("\u200FAna", Reason.INVISIBLE), // right-to-left mark
                arguments("Ana\u0000", Reason.INVISIBLE), // NUL
                arguments("Ana\u001B", Reason.INVISIBLE), // escape
                arguments("Ana\uD800", Reason.INVISIBLE), // lone high surrogate
                arguments("\uDC00Ana", Reason.INVISIBLE), // lone low surrogate
                arguments("An\uFFFDa", Reason.INVISIBLE), // replacement character from broken input
                arguments("Ana\uE000", Reason.INVISIBLE), // private use
                arguments("An\u034Fna", Reason.INVISIBLE), // combining grapheme joiner: shows as "Anna"
                arguments("Ann\uFE0F", Reason.INVISIBLE), // variation selector 16 after a letter
                arguments("Ann\uDB40\uDD00", Reason.INVISIBLE), // variation selector 17 (U+E0100)
                arguments("Ann\uFE00a", Reason.INVISIBLE), // variation selector 1 inside the name
                arguments("\u3164", Reason.INVISIBLE), // Hangul filler: a "letter" that shows nothing
                arguments("Anna\u115F", Reason.INVISIBLE), // Hangul choseong filler
                arguments("J\u043Ehn", Reason.MIXED_SCRIPTS), // Latin with a Cyrillic о
                arguments("\u0391nna", Reason.MIXED_SCRIPTS), // Greek capital alpha with Latin
                arguments("Anaмария", Reason.MIXED_SCRIPTS),
                arguments("Ana李", Reason.MIXED_SCRIPTS),
                arguments("a\u093F", Reason.MIXED_SCRIPTS), // Devanagari vowel sign on a Latin letter
                arguments("Anaー", Reason.MIXED_SCRIPTS),
                arguments("Ana😀", Reason.SYMBOLS),
                arguments("😀", Reason.SYMBOLS),
                arguments("\uD83D\uDC69\u200D\uD83D\uDCBB", Reason.INVISIBLE), // emoji ZWJ sequence
                arguments("ーユ", Reason.SYMBOLS),
                arguments("\u02BCAna", Reason.SYMBOLS), // modifier-letter apostrophe
                arguments("O`Brien", Reason.SYMBOLS),
                arguments("ana_b", Reason.SYMBOLS),
                arguments("Ana.B", Reason.SYMBOLS),
                arguments("Ana,Maria", Reason.SYMBOLS),
                arguments("Ana!", Reason.SYMBOLS),
                arguments("Ana$", Reason.SYMBOLS),
                arguments("<b>Ana</b>", Reason.SYMBOLS),
                arguments("Ana';--", Reason.SYMBOLS),
                arguments("Robert'); DROP TABLE students;--", Reason.TWO_NAMES),
                arguments("a" + "\u0301".repeat(50), Reason.ACCENTS), // combining-mark flood
                arguments("q\u0301\u0302\u0303", Reason.ACCENTS), // three accents on one letter (q has no precomposed forms)
                arguments("\u0301Ana", Reason.ACCENTS), // accent without a letter
                arguments("Ana-\u0301Maria", Reason.ACCENTS),
                arguments("a".repeat(200), Reason.TOO_LONG),
                arguments("a".repeat(25), Reason.TOO_LONG),
                arguments("Abcdefghijklmnopqrstuvwxy", Reason.TOO_LONG),
                arguments("a".repeat(100_000), Reason.TOO_LONG),
                arguments("", Reason.EMPTY),
                arguments("   ", Reason.EMPTY),
                arguments("\u00A0", Reason.EMPTY),
                arguments("-Ana", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("Ana-", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("'Ana", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("-", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("Anne--Marie", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("O''Brien", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("Anne-Marie-Louise", Reason.HYPHEN_OR_APOSTROPHE),
                arguments("D'Anne-Marie", Reason.HYPHEN_OR_APOSTROPHE));
    }

    @ParameterizedTest(name = "[{index}] accepts {0}")
    @MethodSource("acceptedNames")
    void acceptsAndNormalisesFirstNames(String typed, String expected) {
        assertEquals(expected, FirstName.parse(typed).value());
    }

    @ParameterizedTest(name = "[{index}] rejects {1}")
    @MethodSource("rejectedNames")
    void rejectsWhatIsNotAFirstName(String typed, Reason expected) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> FirstName.parse(typed));
        assertEquals(expected, e.reason());
        assertEquals("invalid-name", e.code());
    }

    @ParameterizedTest(name = "[{index}] message explains without echoing {1}")
    @MethodSource("rejectedNames")
    void messageExplainsAFirstNameWithoutRepeatingTheInput(String typed, Reason reason) {
        String message = assertThrows(InvalidNameException.class, () -> FirstName.parse(typed)).getMessage();
        assertTrue(message.startsWith("Please enter just your first name: letters only, up to 24 characters"));
        assertTrue(message.endsWith(reason.hint()));
        String stripped = typed.strip();
        if (stripped.length() >= 3) {
            assertFalse(message.contains(stripped), "message must not echo the input");
        }
    }

    @Test
    void tableHasAtLeastEightyCases() {
        assertTrue(acceptedNames().count() + rejectedNames().count() >= 80);
    }

    @Test
    void nullIsAnEmptyName() {
        assertEquals(Reason.EMPTY, assertThrows(InvalidNameException.class, () -> FirstName.parse(null)).reason());
    }

    @Test
    void constructorAppliesTheSameRuleAsParse() {
        assertEquals("Ana", new FirstName("  Ana ").value());
        assertThrows(InvalidNameException.class, () -> new FirstName("Admin"));
    }

    @Test
    void sameAsIgnoresCase() {
        assertTrue(FirstName.parse("Sam").sameAs(FirstName.parse("sAM")));
        assertTrue(FirstName.parse("Straße").sameAs(FirstName.parse("STRASSE")));
        assertFalse(FirstName.parse("Sam").sameAs(FirstName.parse("Samuel")));
    }

    @Test
    void sameAsSeesLookAlikeLettersFromAnotherScript() {
        // All-Cyrillic "Јое" (U+0408 U+043E U+0435) is a valid name of one script, but reads as "Joe".
        assertTrue(FirstName.parse("\u0408\u043E\u0435").sameAs(FirstName.parse("Joe")));
        assertTrue(FirstName.parse("Joe").sameAs(FirstName.parse("\u0458\u043E\u0435")), "lower-case ј too");
        assertFalse(FirstName.parse("Joe").sameAs(FirstName.parse("Joel")));
        assertFalse(FirstName.parse("Мария").sameAs(FirstName.parse("Maria")), "different letters stay different");
    }

    @Test
    void toStringDoesNotRevealTheName() {
        assertFalse(FirstName.parse("Ana").toString().contains("Ana"));
    }
}
