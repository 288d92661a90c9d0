package dev.backtrack.core.time;

import java.time.Instant;
import java.time.ZoneId;

/** Writes epoch milliseconds in the forms {@link TimeExpressionParser} reads. */
public final class TimeFormats {

    private TimeFormats() {
    }

    /** ISO-8601 with milliseconds and offset in the given zone, e.g. {@code 2022-01-17T11:01:48.123+08:00}. */
    public static String iso(long epochMillis, ZoneId zone) {
        return format(epochMillis, TimeForm.ISO_OFFSET, zone);
    }

    /** The instant in the given form and zone (the seconds form drops the milliseconds). */
    public static String format(long epochMillis, TimeForm form, ZoneId zone) {
        if (form == TimeForm.EPOCH_MILLIS) {
            return Long.toString(epochMillis);
        }
        return form.formatter().format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }
}
