package dev.hearth.signaling.identity;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import java.util.Set;

/**
 * Whether two texts would be mistaken for each other on screen, by the confusable skeletons of Unicode
 * UTS #39 (ICU's {@link SpoofChecker}): all-Cyrillic "Јое" and Latin "Joe" share the skeleton "Joe".
 *
 * <p>A skeleton alone is case-sensitive, and case folding and skeletons do not commute ("ADMIN" folds to
 * "admin", but its skeleton turns the I into an l; "НОЅТ" has the skeleton "HOST", but folded first it
 * becomes Cyrillic lower case, which looks like nothing Latin). So every text gets two keys, fold-then-
 * skeleton and skeleton-fold-skeleton, and two texts look alike when any key matches. Erring towards
 * "alike" is cheap: the worst it does is number two different names "Anna" and "Anna (2)".
 */
final class LookAlikes {

    /** Immutable once built; ICU documents it as safe for concurrent use. */
    private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder().build();

    private LookAlikes() {
    }

    static boolean alike(String a, String b) {
        Set<String> keysOfA = keys(a);
        return keys(b).stream().anyMatch(keysOfA::contains);
    }

    /** The comparison keys of {@code text}; texts that look alike share at least one. */
    static Set<String> keys(String text) {
        String folded = skeleton(fold(text));
        String skeletonFirst = skeleton(fold(skeleton(text)));
        return folded.equals(skeletonFirst) ? Set.of(folded) : Set.of(folded, skeletonFirst);
    }

    private static String skeleton(String text) {
        return SPOOF_CHECKER.getSkeleton(text);
    }

    /** Full case folding: "ß" and "SS" both become "ss". */
    private static String fold(String text) {
        return UCharacter.foldCase(text, true);
    }
}
