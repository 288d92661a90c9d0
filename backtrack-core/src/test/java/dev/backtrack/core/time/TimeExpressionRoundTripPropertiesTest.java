package dev.backtrack.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TimeExpressionRoundTripPropertiesTest {

    private static final long YEAR_1970 = 0L;
    private static final long YEAR_2200 = 7258118400000L;

    @Property
    void everyAbsoluteFormReadsBackTheInstantItWrote(@ForAll @LongRange(min = YEAR_1970, max = YEAR_2200) long millis,
            @ForAll TimeForm form, @ForAll @IntRange(min = -14, max = 14) int offsetHours) {
        ZoneId zone = ZoneOffset.ofHours(offsetHours);
        TimeExpressionParser parser = new TimeExpressionParser(zone);
        String written = TimeFormats.format(millis, form, zone);
        long expected = form == TimeForm.SECONDS_DIGITS ? Math.floorDiv(millis, 1000) * 1000 : millis;
        assertThat(parser.toEpochMillis(written)).as(written).isEqualTo(expected);
    }

    @Property
    void isoWithOffsetReadsTheSameInstantInAnyParserZone(
            @ForAll @LongRange(min = YEAR_1970, max = YEAR_2200) long millis) {
        String written = TimeFormats.iso(millis, ZoneId.of("Asia/Shanghai"));
        assertThat(new TimeExpressionParser(ZoneId.of("America/New_York")).toEpochMillis(written)).isEqualTo(millis);
    }

    @Property
    void relativeMillisecondsCountBackFromNow(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long before,
            @ForAll @LongRange(min = 10_000_000_000L, max = YEAR_2200) long now) {
        TimeExpressionParser parser = new TimeExpressionParser(ZoneOffset.UTC,
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        assertThat(parser.toEpochMillis("-" + before + "ms")).isEqualTo(now - before);
        assertThat(parser.toEpochMillis(before + "ms ago")).isEqualTo(now - before);
    }
}
