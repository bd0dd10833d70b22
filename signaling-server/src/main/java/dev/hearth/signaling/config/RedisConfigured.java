package dev.hearth.signaling.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Cluster mode's beans exist only when {@code HEARTH_REDIS_URL} is set, decided by the same rule as
 * {@link HearthSettings#redis()} (a blank value is unset), so the embedded default never loads a Redis client.
 */
public final class RedisConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return RedisSettings.configured(context.getEnvironment()::getProperty);
    }
}
