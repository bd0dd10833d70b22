package dev.hearth.relay.ice;

/**
 * The outcome of {@link IceLiteAgent#check}.
 *
 * @param verdict        what to answer
 * @param responseKey    the password that signs the answer, or null for answers without MESSAGE-INTEGRITY
 * @param nominated      the check carried USE-CANDIDATE: its pair is nominated (selected if it ranks highest)
 * @param retiredUfrag   a local ufrag the agent no longer accepts (ICE restart finished), to unroute; or null
 * @param evicted        a validated pair the agent forgot to stay within its bound, to unroute; or null
 * @param dropReason     for {@link IceCheckVerdict#DROPPED}, a short stable reason for counters; else null
 */
public record IceCheckResult(IceCheckVerdict verdict, byte[] responseKey, boolean nominated, String retiredUfrag,
                             CandidatePair evicted, String dropReason) {

    static IceCheckResult dropped(String reason) {
        return new IceCheckResult(IceCheckVerdict.DROPPED, null, false, null, null, reason);
    }

    static IceCheckResult error(IceCheckVerdict verdict, byte[] key) {
        return new IceCheckResult(verdict, key, false, null, null, null);
    }

    public boolean accepted() {
        return verdict == IceCheckVerdict.ACCEPTED;
    }
}
