package dev.hearth.signaling.metrics;

import dev.hearth.relay.dtls.DtlsFailure;
import dev.hearth.relay.sfu.ForwardingCounter;
import dev.hearth.relay.transport.DropReason;
import dev.hearth.signaling.room.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which labels a {@code hearth_*} sample may carry and which values each may take: only closed sets (the relay's
 * and the rooms' enums, a loop index, a histogram bucket bound), so no id, name or address can ever be one.
 */
final class Labels {

    private static final Map<String, Pattern> ALLOWED = Map.of(
            "reason", oneOf(DropReason.values()),
            "event", oneOf(ForwardingCounter.values()),
            "failure", oneOf(DtlsFailure.values()),
            "role", oneOf(Role.values()),
            "state", oneOf(RoomCensus.RoomState.values()),
            "loop", Pattern.compile("[0-9]{1,2}"),
            "le", Pattern.compile("[0-9]+\\.[0-9]+|\\+Inf"));

    private Labels() {
    }

    /** Every label of every sample that is not allowed, as "name{label=value}"; empty when all are. */
    static List<String> violations(Scrape scrape) {
        List<String> bad = new ArrayList<>();
        for (Scrape.Sample sample : scrape.samples) {
            if (!sample.name().startsWith("hearth_")) {
                bad.add(sample.name() + " is not a hearth_ metric");
            }
            sample.labels().forEach((label, value) -> {
                Pattern allowed = ALLOWED.get(label);
                if (allowed == null || !allowed.matcher(value).matches()) {
                    bad.add(sample.name() + "{" + label + "=" + value + "}");
                }
            });
        }
        return bad;
    }

    private static Pattern oneOf(Enum<?>[] values) {
        Set<String> names = Arrays.stream(values).map(v -> Pattern.quote(v.name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        return Pattern.compile(String.join("|", names));
    }
}
