package dev.backtrack.core.time;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.jspecify.annotations.Nullable;

/** The absolute forms a time can be written in. */
public enum TimeForm {
    /** {@code yyyyMMddHHmmss}: the seed's and the RocketMQ client's form (second precision, local time). */
    SECONDS_DIGITS("uuuuMMddHHmmss"),
    /** {@code yyyyMMddHHmmssSSS}: the same with milliseconds. */
    MILLIS_DIGITS("uuuuMMddHHmmssSSS"),
    /** {@code yyyy-MM-dd#HH:mm:ss:SSS}: RocketMQ mqadmin's form. */
    MQADMIN("uuuu-MM-dd'#'HH:mm:ss:SSS"),
    /** ISO-8601 local date-time with milliseconds, e.g. {@code 2022-01-17T11:01:48.123}. */
    ISO_LOCAL("uuuu-MM-dd'T'HH:mm:ss.SSS"),
    /** ISO-8601 with offset, e.g. {@code 2022-01-17T11:01:48.123+08:00}. */
    ISO_OFFSET("uuuu-MM-dd'T'HH:mm:ss.SSSXXX"),
    /** Epoch milliseconds. */
    EPOCH_MILLIS(null);

    private final @Nullable DateTimeFormatter formatter;

    TimeForm(@Nullable String pattern) {
        this.formatter = pattern == null ? null
                : DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    @Nullable DateTimeFormatter formatter() {
        return formatter;
    }
}
