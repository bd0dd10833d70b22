package dev.hearth.signaling.identity;

/**
 * A person's first name as the group will see it, already checked and normalised by {@link FirstNameRule}.
 * Every instance is valid: the constructor runs the rule too, so a {@code FirstName} built from client
 * input can be trusted. {@link #toString()} hides the name so it cannot slip into a log line.
 */
public record FirstName(String value) {

    /** Longest first name, counted in Unicode code points after normalisation. */
    public static final int MAX_CODE_POINTS = 24;

    public FirstName {
        value = FirstNameRule.canonical(value);
    }

    /**
     * Checks and normalises what a person typed.
     *
     * @throws InvalidNameException ({@code invalid-name}) with a message that says what a first name is
     */
    public static FirstName parse(String raw) {
        return new FirstName(raw);
    }

    /**
     * Whether two people would be confused by these names: equal ignoring case ("sam" and "Sam"), or made of
     * look-alike letters (all-Cyrillic "Јое" and Latin "Joe"); see {@link LookAlikes}.
     */
    public boolean sameAs(FirstName other) {
        return LookAlikes.alike(value, other.value);
    }

    @Override
    public String toString() {
        return "FirstName[hidden]";
    }
}
