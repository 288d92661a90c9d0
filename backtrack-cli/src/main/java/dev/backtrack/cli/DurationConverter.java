package dev.backtrack.cli;

import dev.backtrack.core.text.BadValues;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 5s}, {@code 500ms}, {@code 2m}, up to an hour. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,10})(ms|s|m)");
    private static final Duration MAX = Duration.ofHours(1);

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        Duration duration = null;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
        if (duration == null || duration.isZero() || duration.compareTo(MAX) > 0) {
            throw new TypeConversionException(BadValues.quote(value) + " is not a duration; accepted: a positive "
                    + "number followed by ms, s or m, at most 60m, e.g. 5s");
        }
        return duration;
    }
}
