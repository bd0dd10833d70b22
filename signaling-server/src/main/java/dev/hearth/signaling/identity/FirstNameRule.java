package dev.hearth.signaling.identity;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import dev.hearth.signaling.identity.InvalidNameException.Reason;
import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The first-name rule (ARCHITECTURE.md §4). A first name is what the group calls you: letters of one
 * writing system, optionally joined by one hyphen or apostrophe. Everything else that people paste into a
 * name box (surnames, e-mail addresses, phone numbers, titles, emoji) and everything used to impersonate
 * or hide (look-alike letters from another script, invisible and bidi characters, accent floods) is refused.
 *
 * <p>All problems in the text are collected first and the most helpful one is reported, so a phone number
 * is called a phone number rather than "contains a space".
 */
final class FirstNameRule {

    /**
     * Input longer than this is refused before normalisation: NFKC can expand a character up to 18-fold,
     * and no first name comes anywhere near it.
     */
    static final int MAX_INPUT_CHARS = 256;

    /** Same-looking letters in an ordinary name never need more than two accents on one letter. */
    static final int MAX_MARKS_PER_LETTER = 2;

    /** A phone number has at least this many digits; fewer digits are just "numbers". */
    private static final int PHONE_DIGITS = 5;

    private static final char APOSTROPHE = '\'';
    private static final char RIGHT_SINGLE_QUOTATION_MARK = '\u2019';
    private static final char HYPHEN = '-';
    /** ー: lengthens a kana vowel; Unicode files it under Common, but it only ever appears in Japanese. */
    private static final int PROLONGED_SOUND_MARK = 0x30FC;

    /**
     * Scripts that one writing system mixes by design (UTS #39 "highly restrictive"): Japanese writes names
     * in kanji with kana, Korean in hangul with hanja. None of them contains Latin look-alikes.
     */
    private static final Set<UnicodeScript> JAPANESE =
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA);
    private static final Set<UnicodeScript> KOREAN = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL);

    private static final Set<String> RESERVED_WORDS = Set.of(
            "facilitator", "admin", "administrator", "host", "moderator", "therapist", "counselor",
            "counsellor", "doctor", "dr", "nurse", "staff", "system", "server", "hearth", "owner", "leader",
            "organizer", "organiser", "support", "mr", "mrs", "ms", "mx", "prof", "everyone", "anonymous",
            "guest", "unknown");

    /**
     * The look-alike keys of the reserved words, so that an all-Cyrillic "НОЅТ" is recognised as "host";
     * the name itself keeps its letters.
     */
    private static final Set<String> RESERVED_KEYS = reservedKeys();

    private FirstNameRule() {
    }

    /**
     * The canonical form of a valid first name.
     *
     * @throws InvalidNameException when {@code raw} is not a first name
     */
    static String canonical(String raw) {
        if (raw == null) {
            throw new InvalidNameException(Reason.EMPTY);
        }
        if (raw.length() > MAX_INPUT_CHARS) {
            throw new InvalidNameException(Reason.TOO_LONG);
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip()
                .replace(RIGHT_SINGLE_QUOTATION_MARK, APOSTROPHE);
        if (name.isEmpty()) {
            throw new InvalidNameException(Reason.EMPTY);
        }
        Findings findings = inspect(name);
        Reason problem = findings.mostHelpfulProblem();
        if (problem == null && isReservedWord(name)) {
            problem = Reason.RESERVED_WORD;
        }
        if (problem != null) {
            throw new InvalidNameException(problem);
        }
        return name;
    }

    private static Findings inspect(String name) {
        Findings f = new Findings();
        int[] cps = name.codePoints().toArray();
        f.codePoints = cps.length;
        int marksInARow = 0;
        boolean afterLetter = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            int type = Character.getType(cp);
            if (isInvisibleMark(cp)) {
                // These combine with the letter before them and show nothing ("An\u034Fna" reads "Anna").
                f.invisible = true;
                continue;
            }
            if (isMark(type)) {
                marksInARow++;
                if (!afterLetter || marksInARow > MAX_MARKS_PER_LETTER) {
                    f.accents = true;
                }
                addScriptOfMark(f, cp);
                continue;
            }
            marksInARow = 0;
            afterLetter = false;
            if (Character.isLetter(cp)) {
                afterLetter = true;
                addScriptOfLetter(f, cp, i);
            } else if (cp == HYPHEN || cp == APOSTROPHE) {
                f.separators++;
                if (i == 0 || i == cps.length - 1) {
                    f.separatorAtEdge = true;
                }
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                f.spaces = true;
            } else if (isInvisibleOrBroken(cp, type)) {
                f.invisible = true;
            } else if (cp == '@') {
                f.at = true;
            } else if (isNumber(type)) {
                f.digits++;
            } else {
                f.symbols = true;
            }
        }
        return f;
    }

    private static void addScriptOfLetter(Findings f, int cp, int index) {
        UnicodeScript script = UnicodeScript.of(cp);
        if (cp == PROLONGED_SOUND_MARK) {
            f.kanaExtension = true;
            if (index == 0) {
                f.symbols = true;
            }
        } else if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED
                || script == UnicodeScript.UNKNOWN) {
            // Modifier letters such as ʼ (U+02BC) are letters to Java but punctuation to a reader.
            f.symbols = true;
        } else {
            f.scripts.add(script);
        }
    }

    private static void addScriptOfMark(Findings f, int cp) {
        UnicodeScript script = UnicodeScript.of(cp);
        // Generic accents (INHERITED) go with any letter; a vowel sign belongs to its own script.
        if (script != UnicodeScript.INHERITED && script != UnicodeScript.COMMON) {
            f.scripts.add(script);
        }
    }

    private static boolean isMark(int type) {
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isNumber(int type) {
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /**
     * Default-ignorable code points (grapheme joiner, Hangul fillers, ...) and variation selectors render as
     * nothing, or as a variant of the letter before them; Java files most of them as ordinary marks or letters.
     */
    private static boolean isInvisibleMark(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR);
    }

    private static boolean isInvisibleOrBroken(int cp, int type) {
        // FORMAT covers ZWJ, ZWNJ, U+FEFF, U+2060 and every bidi control (U+200E/F, U+202A-E, U+2066-9).
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || cp == 0xFFFD;
    }

    /** The whole name without its separators, or any part between them, looks like a reserved word. */
    private static boolean isReservedWord(String name) {
        String letters = withoutMarks(name);
        if (looksReserved(letters.replace("-", "").replace("'", ""))) {
            return true;
        }
        for (String part : letters.split("[-']")) {
            if (looksReserved(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksReserved(String text) {
        return !text.isEmpty() && LookAlikes.keys(text).stream().anyMatch(RESERVED_KEYS::contains);
    }

    /** Accents dropped, so that an accent does not disguise a role ("Ádmín" -> "Admin"). */
    private static String withoutMarks(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !isMark(Character.getType(cp))).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static Set<String> reservedKeys() {
        Set<String> keys = new HashSet<>();
        for (String word : RESERVED_WORDS) {
            keys.addAll(LookAlikes.keys(word));
        }
        return Set.copyOf(keys);
    }

    /** What one pass over the name found; several problems can be present at once. */
    private static final class Findings {
        int codePoints;
        int separators;
        int digits;
        boolean separatorAtEdge;
        boolean spaces;
        boolean invisible;
        boolean at;
        boolean symbols;
        boolean accents;
        boolean kanaExtension;
        final Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);

        /** Most specific first: "it looks like an e-mail address" helps more than "no symbols". */
        Reason mostHelpfulProblem() {
            if (invisible) {
                return Reason.INVISIBLE;
            }
            if (at) {
                return Reason.EMAIL;
            }
            if (digits >= PHONE_DIGITS) {
                return Reason.PHONE_NUMBER;
            }
            if (digits > 0) {
                return Reason.DIGITS;
            }
            if (spaces) {
                return Reason.TWO_NAMES;
            }
            if (symbols) {
                return Reason.SYMBOLS;
            }
            if (separators > 1 || separatorAtEdge) {
                return Reason.HYPHEN_OR_APOSTROPHE;
            }
            if (accents) {
                return Reason.ACCENTS;
            }
            if (codePoints > FirstName.MAX_CODE_POINTS) {
                return Reason.TOO_LONG;
            }
            if (!oneWritingSystem()) {
                return Reason.MIXED_SCRIPTS;
            }
            return null;
        }

        private boolean oneWritingSystem() {
            if (kanaExtension) {
                return !scripts.isEmpty() && JAPANESE.containsAll(scripts);
            }
            return scripts.size() <= 1 || JAPANESE.containsAll(scripts) || KOREAN.containsAll(scripts);
        }
    }
}
