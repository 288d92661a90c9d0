package dev.backtrack.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns a time expression (absolute, epoch, {@code now} or relative) into epoch milliseconds, in a given zone. */
public final class TimeExpressionParser {

    /** The forms {@link #toEpochMillis} accepts, for error messages and --help. */
    public static final String ACCEPTED_FORMS = "yyyyMMddHHmmss (20220117110148), yyyyMMddHHmmssSSS "
            + "(20220117110148123), yyyy-MM-dd#HH:mm:ss:SSS (2022-01-17#11:01:48:123), ISO-8601 with 'T' or a space, "
            + "optional fraction and optional offset or Z (2022-01-17T11:01:48.123, 2022-01-17 11:01:48.123+08:00), "
            + "epoch milliseconds (1 to 13 digits), now, or a time before now (-1h, 90m ago, 2 hours ago, PT1H30M)";

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd['T'][' ']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SHORT_RELATIVE = Pattern.compile("-(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern WORD_RELATIVE = Pattern.compile(
            "(\\d+)\\s*(ms|s|m|h|d|millis|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?)\\s+ago");

    private final ZoneId zone;
    private final Clock clock;

    /** A parser for local times in {@code zone}, with "now" read from {@code clock}. */
    public TimeExpressionParser(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** A parser for local times in {@code zone}, with the system clock. */
    public TimeExpressionParser(ZoneId zone) {
        this(zone, Clock.systemUTC());
    }

    /** A parser in the system zone with the system clock. */
    public static TimeExpressionParser systemDefault() {
        return new TimeExpressionParser(ZoneId.systemDefault());
    }

    /** The zone local times are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The instant the expression names, in epoch milliseconds. */
    public long toEpochMillis(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidTimeExpressionException(expression == null ? "" : expression, "is empty");
        }
        String text = expression.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("now")) {
            return clock.millis();
        }
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return digits(expression, text);
        }
        Long relative = relative(expression, lower);
        if (relative != null) {
            return relative;
        }
        if (text.indexOf('#') > 0) {
            return local(expression, text, TimeForm.MQADMIN.formatter());
        }
        if (text.length() >= 10 && text.charAt(4) == '-') {
            return iso(expression, text);
        }
        throw new InvalidTimeExpressionException(expression, "is not a time this tool can read");
    }

    private long digits(String expression, String text) {
        return switch (text.length()) {
            case 14 -> local(expression, text, TimeForm.SECONDS_DIGITS.formatter());
            case 17 -> local(expression, text, TimeForm.MILLIS_DIGITS.formatter());
            default -> {
                if (text.length() > 13) {
                    throw new InvalidTimeExpressionException(expression, "has " + text.length()
                            + " digits; a number must have 14 digits (yyyyMMddHHmmss), 17 (yyyyMMddHHmmssSSS) or "
                            + "1 to 13 (epoch milliseconds)");
                }
                yield Long.parseLong(text);
            }
        };
    }

    private @Nullable Long relative(String expression, String lower) {
        Matcher shortForm = SHORT_RELATIVE.matcher(lower);
        if (shortForm.matches()) {
            return before(expression, shortForm.group(1), shortForm.group(2));
        }
        Matcher words = WORD_RELATIVE.matcher(lower);
        if (words.matches()) {
            return before(expression, words.group(1), words.group(2));
        }
        String iso = lower.startsWith("-") ? lower.substring(1) : lower;
        if (iso.startsWith("p")) {
            try {
                Duration duration = Duration.parse(iso.toUpperCase(Locale.ROOT));
                if (duration.isNegative()) {
                    throw new InvalidTimeExpressionException(expression, "is a negative duration");
                }
                return Math.subtractExact(clock.millis(), duration.toMillis());
            } catch (DateTimeParseException e) {
                throw new InvalidTimeExpressionException(expression, "is not an ISO-8601 duration such as PT1H30M");
            } catch (ArithmeticException e) {
                throw new InvalidTimeExpressionException(expression, "is too long ago");
            }
        }
        return null;
    }

    private long before(String expression, String amount, String unit) {
        try {
            long value = Long.parseLong(amount);
            long millis = switch (unit.charAt(0)) {
                case 'd' -> Math.multiplyExact(value, 86_400_000L);
                case 'h' -> Math.multiplyExact(value, 3_600_000L);
                case 's' -> Math.multiplyExact(value, 1_000L);
                default -> unit.equals("ms") || unit.startsWith("milli") ? value : Math.multiplyExact(value, 60_000L);
            };
            return Math.subtractExact(clock.millis(), millis);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidTimeExpressionException(expression, "is too long ago");
        }
    }

    private long iso(String expression, String text) {
        try {
            var parsed = ISO.parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant().toEpochMilli();
            }
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant().toEpochMilli();
            }
            return atZone(expression, (LocalDateTime) parsed);
        } catch (DateTimeParseException e) {
            throw new InvalidTimeExpressionException(expression, problem(e));
        }
    }

    private long local(String expression, String text, DateTimeFormatter formatter) {
        try {
            return atZone(expression, LocalDateTime.parse(text, formatter));
        } catch (DateTimeParseException e) {
            throw new InvalidTimeExpressionException(expression, problem(e));
        }
    }

    private long atZone(String expression, LocalDateTime local) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new InvalidTimeExpressionException(expression, "does not exist in zone " + zone
                    + " (it falls in a daylight-saving gap); give an explicit offset such as +01:00");
        }
        if (offsets.size() > 1) {
            throw new InvalidTimeExpressionException(expression, "is ambiguous in zone " + zone
                    + " (daylight-saving overlap: it could be " + offsets.get(0) + " or " + offsets.get(1)
                    + "); give an explicit offset");
        }
        return local.toInstant(offsets.get(0)).toEpochMilli();
    }

    private static String problem(DateTimeParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DateTimeException && cause.getMessage() != null) {
            return "is not a valid date-time: " + cause.getMessage();
        }
        return "is not a valid date-time";
    }
}
