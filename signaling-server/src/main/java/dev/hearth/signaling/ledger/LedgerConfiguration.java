package dev.hearth.signaling.ledger;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's consent ledgers and the key that signs them, in the data directory. */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    LedgerSigningKey ledgerSigningKey(HearthSettings settings) {
        return LedgerSigningKey.loadOrCreate(settings.dataDir());
    }

    @Bean
    ConsentLedger consentLedger(HearthSettings settings, LedgerSigningKey key, Clock clock) {
        return ConsentLedger.open(settings.dataDir(), key, clock);
    }
}
