package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.journal.SendRun;
import dev.backtrack.core.text.BadValues;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a window replay or a redrive sends, beyond what: at most at a rate; a canary of a few messages first, whose
 * consumption is awaited before the rest goes; and a stop when too many of the messages sent in the last minute come
 * back as failures (the run pauses, and waits to be resumed or aborted).
 *
 * @param rate at most this many a second
 * @param canary how many messages go first, alone; 0 for no canary
 * @param pauseAbovePercent the run pauses when more than this share of the messages sent in the last minute failed
 */
public record SendPolicy(SendRate rate, int canary, double pauseAbovePercent) {

    /** The share of failures in the last minute above which a run stops when nothing else is asked. */
    public static final double DEFAULT_PAUSE_ABOVE_PERCENT = 5;
    /** The largest canary. */
    public static final int MAX_CANARY = 10_000;
    /** What a canary may be typed as. */
    public static final String CANARY_ACCEPTED = "a whole number of messages from 1 to " + MAX_CANARY;
    /** What a failure threshold may be typed as. */
    public static final String THRESHOLD_ACCEPTED = "a share of the messages sent in the last minute, above 0 and at "
            + "most 100, as N or N% (e.g. 5 or 2.5%)";
    /** As fast as the broker takes them, no canary, the default threshold. */
    public static final SendPolicy DEFAULT = new SendPolicy(SendRate.UNLIMITED, 0, DEFAULT_PAUSE_ABOVE_PERCENT);

    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%?");

    /** Checks the values. */
    public SendPolicy {
        if (canary < 0 || canary > MAX_CANARY) {
            throw new InvalidRewindInputException("A canary of " + canary + " messages is not accepted; accepted: "
                    + CANARY_ACCEPTED);
        }
        if (!(pauseAbovePercent > 0 && pauseAbovePercent <= 100)) {
            throw new InvalidRewindInputException("A failure threshold of " + pauseAbovePercent + "% is not accepted; "
                    + "accepted: " + THRESHOLD_ACCEPTED);
        }
    }

    /**
     * The policy as typed: {@code rate} as {@link SendRate#parse}, {@code canary} a count (null or blank: none),
     * {@code pauseAbove} a percentage (null or blank: {@value #DEFAULT_PAUSE_ABOVE_PERCENT}); a wrong value fails with
     * what is accepted.
     */
    public static SendPolicy parse(@Nullable String rate, @Nullable String canary, @Nullable String pauseAbove) {
        return new SendPolicy(SendRate.parse(rate), canary(canary), threshold(pauseAbove));
    }

    /**
     * The policy of a resume of {@code run}: each value typed (null or blank: not given) overrides what the run was
     * asked; the others stay as it was asked, and there is no canary unless one is given. A wrong value fails with
     * what is accepted.
     */
    public static SendPolicy resuming(SendRun run, @Nullable String rate, @Nullable String canary,
            @Nullable String pauseAbove) {
        SendPolicy typed = parse(rate, canary, pauseAbove);
        return new SendPolicy(blank(rate) ? SendRate.parse(run.rate()) : typed.rate(), typed.canary(),
                blank(pauseAbove) ? run.pauseAbovePercent() : typed.pauseAbovePercent());
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** The policy of {@code rate} alone. */
    public static SendPolicy of(SendRate rate) {
        return new SendPolicy(rate, 0, DEFAULT_PAUSE_ABOVE_PERCENT);
    }

    private static int canary(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return 0;
        }
        String value = typed.strip();
        if (!WHOLE.matcher(value).matches() || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_CANARY) {
            throw new InvalidRewindInputException("Canary " + BadValues.quote(typed) + " is not accepted; accepted: "
                    + CANARY_ACCEPTED);
        }
        return Integer.parseInt(value);
    }

    private static double threshold(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return DEFAULT_PAUSE_ABOVE_PERCENT;
        }
        Matcher m = PERCENT.matcher(typed.strip().toLowerCase(Locale.ROOT));
        double value = m.matches() ? Double.parseDouble(m.group(1)) : 0;
        if (!m.matches() || value <= 0 || value > 100) {
            throw new InvalidRewindInputException("Failure threshold " + BadValues.quote(typed) + " is not accepted; "
                    + "accepted: " + THRESHOLD_ACCEPTED);
        }
        return value;
    }

    /** The threshold as shown, e.g. "5%" or "2.5%". */
    public String threshold() {
        return (pauseAbovePercent == Math.rint(pauseAbovePercent) ? Long.toString((long) pauseAbovePercent)
                : Double.toString(pauseAbovePercent)) + "%";
    }
}
