package dev.hearth.signaling.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad setting, wherever in start-up it surfaces, into Boot's short failure report naming the
 * variable, instead of a page of bean-creation stack trace.
 */
public class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("Hearth cannot start: " + cause.getMessage(),
                "Fix " + cause.variable() + " (README \"Configuration\" lists every setting and its default).", cause);
    }
}
