package dev.backtrack.core.replay;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How one run of a window replay or a redrive sends: under which id its copies are marked, how fast, how many at most,
 * who hears of each confirmed send, and what may stop it part way.
 *
 * @param id the run's id, carried by every copy it sends ({@link ReplayedMessages#RUN}) and by its journal entry
 * @param rate at most this many a second
 * @param limit at most this many messages in this call (the canary); {@link Long#MAX_VALUE} for all
 * @param onSent told of each send the broker confirmed, from the sending threads
 * @param stop asked before each send; a non-null answer stops every queue before its next send, and is the reason the
 *     result gives
 */
public record ReplayRun(String id, SendRate rate, long limit, Consumer<SentCopy> onSent,
        Supplier<@Nullable String> stop) {

    /** A run sending everything at {@code rate}, heard by nobody and stopped by nothing. */
    public static ReplayRun of(String id, SendRate rate) {
        return new ReplayRun(id, rate, Long.MAX_VALUE, copy -> { }, () -> null);
    }

    /** This run limited to {@code count} messages. */
    public ReplayRun limitedTo(long count) {
        return new ReplayRun(id, rate, count, onSent, stop);
    }
}
