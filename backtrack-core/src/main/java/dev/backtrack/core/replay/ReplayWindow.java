package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.time.TimeFormats;
import java.time.ZoneOffset;

/**
 * The messages of {@code topic} stored in [{@code from}, {@code until}) (epoch milliseconds, broker store time), to be
 * delivered again to {@code group}.
 */
public record ReplayWindow(String group, String topic, long from, long until) {

    /** Checks the names and that the window is not empty; fails with an {@link InvalidRewindInputException}. */
    public ReplayWindow {
        RocketMqNames.requireGroup(group);
        RocketMqNames.requireTopic(topic);
        if (from >= until) {
            throw new InvalidRewindInputException("The window is empty: --from " + TimeFormats.iso(from, ZoneOffset.UTC)
                    + " is not before --until " + TimeFormats.iso(until, ZoneOffset.UTC)
                    + "; accepted: a start strictly before the end");
        }
    }

    /** Whether a message stored at {@code storeTimestamp} lies in the window. */
    public boolean contains(long storeTimestamp) {
        return storeTimestamp >= from && storeTimestamp < until;
    }

    /** The window as "[from, until)" in UTC, for records and messages. */
    public String describe() {
        return "[" + TimeFormats.iso(from, ZoneOffset.UTC) + ", " + TimeFormats.iso(until, ZoneOffset.UTC) + ")";
    }
}
