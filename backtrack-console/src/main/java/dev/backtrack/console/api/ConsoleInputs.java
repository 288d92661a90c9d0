package dev.backtrack.console.api;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.time.InvalidTimeExpressionException;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads the console's request values, failing with what was wrong and what is accepted. */
public class ConsoleInputs {

    /** The ranges the timeline offers, back from now. */
    public static final Map<String, Duration> RANGES = Map.of("15m", Duration.ofMinutes(15), "1h", Duration.ofHours(1),
            "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

    private final TimeExpressionParser parser;
    private final Clock clock;

    /** Reads times with {@code parser}; {@code clock} says what now is. */
    public ConsoleInputs(TimeExpressionParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    /** The zone in which times typed without an offset are read ({@code backtrack.zone}). */
    public ZoneId zone() {
        return parser.zone();
    }

    /** The current time, epoch milliseconds. */
    public long now() {
        return clock.millis();
    }

    /** A time in any of the parser's forms, named {@code field} in errors. */
    public long time(@Nullable String value, String field) {
        String given = required(value, field, TimeExpressionParser.ACCEPTED_FORMS);
        try {
            return parser.toEpochMillis(given);
        } catch (InvalidTimeExpressionException e) {
            throw new InvalidRewindInputException("'" + field + "' is " + BadValues.quote(given)
                    + ", which is not a time; accepted: " + TimeExpressionParser.ACCEPTED_FORMS);
        }
    }

    /**
     * The one position of a rewind: a time ({@code to}, read as {@link #time} reads it), offsets, a shift or another
     * group.
     */
    public PositionRequest position(@Nullable String to, @Nullable String toOffset, @Nullable String shiftBy,
            @Nullable String toGroupOf) {
        if (to != null && !to.isBlank()) {
            time(to, "to"); // the console's own wording for a time it cannot read
        }
        return RequestFields.position(to, toOffset, shiftBy, toGroupOf, parser);
    }

    /** A topic name. */
    public String topic(@Nullable String value) {
        return RocketMqNames.requireTopic(required(value, "topic", "a topic name"));
    }

    /** A consumer group name. */
    public String group(@Nullable String value) {
        return RocketMqNames.requireGroup(required(value, "group", "a consumer group name"));
    }

    /** An optional consumer group name: null when absent or blank. */
    public @Nullable String optionalGroup(@Nullable String value) {
        return value == null || value.isBlank() ? null : group(value);
    }

    /** An integer in [min, max], {@code fallback} when absent. */
    public int number(@Nullable String value, String field, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidRewindInputException("'" + field + "' is " + BadValues.quote(value) + "; accepted: a whole "
                + "number from " + min + " to " + max);
    }

    /** [from, until) from a range name ({@code 15m}, {@code 1h}, {@code 24h}, {@code 7d}) or from/until times. */
    public long[] range(@Nullable String range, @Nullable String from, @Nullable String until) {
        boolean byRange = range != null && !range.isBlank();
        boolean byTimes = from != null && !from.isBlank() || until != null && !until.isBlank();
        if (byRange && byTimes) {
            throw new InvalidRewindInputException("'range' and 'from'/'until' were given together; accepted: either "
                    + "'range' (15m, 1h, 24h or 7d) or 'from' with an optional 'until' (default now)");
        }
        long now = now();
        if (byTimes) {
            long start = time(from, "from");
            return span(start, until == null || until.isBlank() ? now : time(until, "until"), "range");
        }
        String name = byRange ? range.strip() : "1h";
        Duration length = RANGES.get(name);
        if (length == null) {
            throw new InvalidRewindInputException("'range' is " + BadValues.quote(range) + "; accepted: 15m, 1h, 24h, "
                    + "7d, or 'from' and 'until' times");
        }
        return new long[] {now - length.toMillis(), now};
    }

    /** A window replay's [from, until): both times required, the end after the start. */
    public long[] window(@Nullable String from, @Nullable String until) {
        return span(time(from, "from"), time(until, "until"), "window");
    }

    /**
     * A redrive's [from, until): {@code from} absent means from the oldest message kept, {@code until} absent means
     * now; the end after the start.
     */
    public long[] windowSinceOldest(@Nullable String from, @Nullable String until) {
        long start = from == null || from.isBlank() ? 0 : time(from, "from");
        return span(start, until == null || until.isBlank() ? now() : time(until, "until"), "window");
    }

    private static long[] span(long start, long end, String what) {
        if (end <= start) {
            throw new InvalidRewindInputException("'until' (" + end + " ms) is not after 'from' (" + start
                    + " ms); accepted: a " + what + " whose end is after its start");
        }
        return new long[] {start, end};
    }

    private static String required(@Nullable String value, String field, String accepted) {
        if (value == null || value.isBlank()) {
            throw new InvalidRewindInputException("'" + field + "' is missing; accepted: " + accepted);
        }
        return value.strip();
    }
}
