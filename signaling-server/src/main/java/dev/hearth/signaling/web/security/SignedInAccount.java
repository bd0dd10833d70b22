package dev.hearth.signaling.web.security;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.Session;

/** A live session and the staff account it belongs to: the principal of every signed-in request. */
public record SignedInAccount(Account account, Session session) {

    /** The session holds credentials and the account a name: only the id goes into logs. */
    @Override
    public String toString() {
        return "SignedInAccount[accountId=" + account.id() + "]";
    }
}
