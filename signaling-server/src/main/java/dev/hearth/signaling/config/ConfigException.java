package dev.hearth.signaling.config;

/** Bad configuration: start-up stops with a message that names the variable to fix. */
public final class ConfigException extends RuntimeException {

    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
