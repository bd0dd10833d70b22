package dev.hearth.relay.transport;

/** ICE username fragment and password, as in SDP {@code a=ice-ufrag} / {@code a=ice-pwd}. */
public record IceParameters(String ufrag, String password) {

    @Override
    public String toString() {
        return "IceParameters[ufrag=" + ufrag + ", password=<hidden>]";
    }
}
