package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How fast a window replay or a redrive may send: at most {@code perSecond} messages a second, or as fast as the
 * broker takes them ({@link #UNLIMITED}).
 *
 * @param perSecond messages a second; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record SendRate(double perSecond) {

    /** No limit. */
    public static final SendRate UNLIMITED = new SendRate(Double.POSITIVE_INFINITY);

    /** What a rate may be typed as. */
    public static final String ACCEPTED = "a number of messages above 0 per second, as N or N/s (e.g. 200 or 200/s), "
            + "or per minute as N/m (e.g. 600/m)";

    private static final Pattern TYPED = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|sec|second|m|min|minute))?");

    /** Checks that the rate is above 0. */
    public SendRate {
        if (!(perSecond > 0)) {
            throw new InvalidRewindInputException("A rate of " + perSecond + " messages a second is not accepted; "
                    + "accepted: " + ACCEPTED);
        }
    }

    /** The rate as typed (null or blank: {@link #UNLIMITED}); a wrong value fails with what is accepted. */
    public static SendRate parse(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return UNLIMITED;
        }
        Matcher m = TYPED.matcher(typed.strip().toLowerCase(Locale.ROOT));
        double count = m.matches() ? Double.parseDouble(m.group(1)) : 0;
        if (!m.matches() || count <= 0 || Double.isInfinite(count)) {
            throw new InvalidRewindInputException("Rate " + BadValues.quote(typed) + " is not accepted; accepted: "
                    + ACCEPTED);
        }
        boolean perMinute = m.group(2) != null && m.group(2).startsWith("m");
        return new SendRate(perMinute ? count / 60 : count);
    }

    /** Whether this rate limits anything. */
    public boolean limited() {
        return !Double.isInfinite(perSecond);
    }

    /**
     * This rate's share for {@code part} of {@code whole} (e.g. the queues an instance holds of the queues of a
     * topic); unlimited stays unlimited.
     */
    public SendRate share(int part, int whole) {
        if (part <= 0 || whole <= 0 || part > whole) {
            throw new IllegalArgumentException("A share of " + part + " out of " + whole + " is not a share");
        }
        return limited() ? new SendRate(perSecond * part / whole) : this;
    }

    /** As the journal and the front ends show it, e.g. "200/s" or "unlimited". */
    public String describe() {
        if (!limited()) {
            return "unlimited";
        }
        return perSecond == Math.rint(perSecond) ? (long) perSecond + "/s" : String.format(Locale.ROOT, "%.3f/s",
                perSecond);
    }
}
