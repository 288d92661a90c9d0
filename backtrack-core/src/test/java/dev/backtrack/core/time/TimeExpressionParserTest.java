package dev.backtrack.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeExpressionParserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.500Z");
    private static final TimeExpressionParser PARSER = new TimeExpressionParser(SHANGHAI, Clock.fixed(NOW, SHANGHAI));

    private static long shanghai(int y, int mo, int d, int h, int mi, int s, int ms) {
        return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    @Test
    void readsTheSeedsFormInTheConfiguredZone() {
        assertThat(PARSER.toEpochMillis("20220117110148")).isEqualTo(shanghai(2022, 1, 17, 11, 1, 48, 0));
        assertThat(new TimeExpressionParser(ZoneOffset.UTC).toEpochMillis("20220117110148"))
                .isEqualTo(Instant.parse("2022-01-17T11:01:48Z").toEpochMilli());
    }

    @Test
    void readsMillisecondForms() {
        long expected = shanghai(2022, 1, 17, 11, 1, 48, 123);
        assertThat(PARSER.toEpochMillis("20220117110148123")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis("2022-01-17#11:01:48:123")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis("2022-01-17T11:01:48.123")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis("2022-01-17 11:01:48.123")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis(" 2022-01-17 11:01:48.123+08:00 ")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis("2022-01-17T03:01:48.123Z")).isEqualTo(expected);
        assertThat(PARSER.toEpochMillis("2022-01-17T04:01:48.123+01:00[Europe/Paris]")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2022-01-17T11:01:48,0", "2022-01-17T11:01:48.5,500", "2022-01-17T11:01:48.12,120",
        "2022-01-17T11:01:48.123999999,123"})
    void readsIsoWithAnyFractionTruncatingToTheMillisecond(String text, int millis) {
        assertThat(PARSER.toEpochMillis(text)).isEqualTo(shanghai(2022, 1, 17, 11, 1, 48, millis));
    }

    @Test
    void readsEpochMillisAndNow() {
        assertThat(PARSER.toEpochMillis("1642388508123")).isEqualTo(1642388508123L);
        assertThat(PARSER.toEpochMillis("0")).isZero();
        assertThat(PARSER.toEpochMillis("now")).isEqualTo(NOW.toEpochMilli());
        assertThat(PARSER.toEpochMillis("NOW")).isEqualTo(NOW.toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource({"-1h,3600000", "-90m,5400000", "-30s,30000", "-2d,172800000", "-500ms,500", "90m ago,5400000",
        "1h ago,3600000", "2 hours ago,7200000", "45 minutes ago,2700000", "10 seconds ago,10000",
        "3 days ago,259200000", "1 HOUR AGO,3600000", "PT1H30M,5400000", "P1D,86400000", "PT0.5S,500",
        "-PT1H,3600000", "0ms ago,0"})
    void readsRelativeTimesAsThatLongBeforeNow(String text, long millisBefore) {
        assertThat(PARSER.toEpochMillis(text)).isEqualTo(NOW.toEpochMilli() - millisBefore);
    }

    @Test
    void rejectsImpossibleDatesNamingTheProblem() {
        assertThatThrownBy(() -> PARSER.toEpochMillis("2022-13-01 00:00:00"))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageStartingWith("Time '2022-13-01 00:00:00' is not a valid date-time")
                .hasMessageContaining("MonthOfYear")
                .hasMessageContaining("Accepted forms: yyyyMMddHHmmss");
        assertThatThrownBy(() -> PARSER.toEpochMillis("20221301000000"))
                .hasMessageContaining("'20221301000000' is not a valid date-time").hasMessageContaining("13");
        assertThatThrownBy(() -> PARSER.toEpochMillis("2022-02-30T00:00:00"))
                .hasMessageContaining("'2022-02-30T00:00:00' is not a valid date-time")
                .hasMessageContaining("FEBRUARY 30");
        assertThatThrownBy(() -> PARSER.toEpochMillis("2022-01-01T24:00:00"))
                .hasMessageContaining("is not a valid date-time");
    }

    @Test
    void rejectsWhatIsNotATime() {
        assertThatThrownBy(() -> PARSER.toEpochMillis("yesterday-ish"))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessage("Time 'yesterday-ish' is not a time this tool can read. Accepted forms: "
                        + TimeExpressionParser.ACCEPTED_FORMS);
        assertThatThrownBy(() -> PARSER.toEpochMillis("12345678901234567890"))
                .hasMessageContaining("'12345678901234567890' has 20 digits")
                .hasMessageContaining("14 digits (yyyyMMddHHmmss), 17 (yyyyMMddHHmmssSSS) or 1 to 13 (epoch milliseconds)");
        assertThatThrownBy(() -> PARSER.toEpochMillis("PT1X")).hasMessageContaining("ISO-8601 duration");
        assertThatThrownBy(() -> PARSER.toEpochMillis("-99999999999999999d")).hasMessageContaining("too long ago");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmptyValues(String empty) {
        assertThatThrownBy(() -> PARSER.toEpochMillis(empty)).isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageContaining("is empty").hasMessageContaining("Accepted forms");
        assertThatThrownBy(() -> PARSER.toEpochMillis(null)).hasMessageContaining("is empty");
    }

    @Test
    void neverGuessesInDaylightSavingGapsOrOverlaps() {
        TimeExpressionParser berlin = new TimeExpressionParser(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> berlin.toEpochMillis("2021-03-28T02:30:00"))
                .hasMessageContaining("does not exist in zone Europe/Berlin")
                .hasMessageContaining("daylight-saving gap").hasMessageContaining("explicit offset");
        assertThatThrownBy(() -> berlin.toEpochMillis("20211031023000"))
                .hasMessageContaining("is ambiguous in zone Europe/Berlin")
                .hasMessageContaining("+02:00").hasMessageContaining("+01:00");
        assertThat(berlin.toEpochMillis("2021-10-31T02:30:00+01:00"))
                .isEqualTo(Instant.parse("2021-10-31T01:30:00Z").toEpochMilli());
    }

    @Test
    void formatsInTheFormsItReads() {
        long instant = shanghai(2022, 1, 17, 11, 1, 48, 123);
        assertThat(TimeFormats.iso(instant, SHANGHAI)).isEqualTo("2022-01-17T11:01:48.123+08:00");
        assertThat(TimeFormats.format(instant, TimeForm.SECONDS_DIGITS, SHANGHAI)).isEqualTo("20220117110148");
        assertThat(TimeFormats.format(instant, TimeForm.MQADMIN, SHANGHAI)).isEqualTo("2022-01-17#11:01:48:123");
        assertThat(TimeFormats.iso(0, ZoneOffset.UTC)).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
