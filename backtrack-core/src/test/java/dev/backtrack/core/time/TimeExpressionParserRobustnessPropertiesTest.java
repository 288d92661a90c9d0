package dev.backtrack.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whatever the text, the parser answers a time or its own error naming the bad value and the accepted forms. */
class TimeExpressionParserRobustnessPropertiesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final TimeExpressionParser PARSER = new TimeExpressionParser(BERLIN,
            Clock.fixed(Instant.parse("2026-11-24T10:00:00.500Z"), BERLIN));
    /** "Time '" + at most ~100 characters + "...' " + the problem + the accepted forms. */
    private static final int MAX_MESSAGE = 200 + 300 + TimeExpressionParser.ACCEPTED_FORMS.length();

    @Property(tries = 2000)
    void anyStringIsATimeOrAnInvalidTimeExpression(@ForAll @StringLength(max = 40) String text) {
        assertParsesOrExplains(text);
    }

    @Property(tries = 2000)
    void nearValidFormsAreATimeOrAnInvalidTimeExpression(@ForAll("nearValid") String text) {
        assertParsesOrExplains(text);
    }

    @Property(tries = 200)
    void longValuesAreQuotedShortly(@ForAll @StringLength(min = 150, max = 5000) String text) {
        assertParsesOrExplains(text);
    }

    @Example
    void aControlCharacterNamesTheValueAndTheAcceptedForms() {
        assertThatThrownBy(() -> PARSER.toEpochMillis("\u0000"))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageStartingWith("Time '\\u0000' ")
                .hasMessageContaining("Accepted forms: yyyyMMddHHmmss")
                .hasMessageNotContaining("For input string");
        assertThatThrownBy(() -> PARSER.toEpochMillis("\u0001\u001f"))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageContaining("Accepted forms: yyyyMMddHHmmss");
    }

    @Example
    void aOneMebibyteValueIsQuotedByItsFirstHundredCharacters() {
        String huge = "2".repeat(1 << 20);
        assertThatThrownBy(() -> PARSER.toEpochMillis(huge))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageStartingWith("Time '" + "2".repeat(100) + "...' (1048576 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE));
        assertThatThrownBy(() -> PARSER.toEpochMillis("x".repeat(1 << 20)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE));
    }

    @Example
    void nonAsciiDigitsAreNotANumber() {
        assertThatThrownBy(() -> PARSER.toEpochMillis("\u0661\u0662\u0663"))
                .isInstanceOf(InvalidTimeExpressionException.class)
                .hasMessageContaining("Accepted forms");
    }

    @Provide
    Arbitrary<String> nearValid() {
        Arbitrary<String> valid = Arbitraries.of("20220117110148", "20220117110148123", "2022-01-17#11:01:48:123",
                "2022-01-17T11:01:48.123", "2022-01-17 11:01:48.123+08:00", "2022-01-17T03:01:48.123Z",
                "2022-01-17T04:01:48.123+01:00[Europe/Paris]", "1642388508123", "now", "-1h", "-90m", "-500ms",
                "90m ago", "2 hours ago", "PT1H30M", "-PT1H", "+999999999-12-31T23:59:59");
        Arbitrary<Character> noise = Arbitraries.oneOf(Arbitraries.chars().all(),
                Arbitraries.of('0', '9', '-', '+', ':', '#', 'T', 'Z', ' ', '.', '[', ']', 'P', 'H', 'M', 'S', 'd',
                        '\u0000', '\t', '\u00a0', '\u0663', '\uff10'));
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 60);
        Arbitrary<String> mutated = Combinators.combine(valid, noise, position, Arbitraries.of(0, 1, 2))
                .as((text, c, at, edit) -> {
                    int i = Math.min(at, text.length());
                    return switch (edit) {
                        case 0 -> text.substring(0, i) + c + text.substring(i); // insert
                        case 1 -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
                        default -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text; // delete
                    };
                });
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> relative = Combinators.combine(Arbitraries.longs(), Arbitraries.of("ms", "s", "m", "h", "d",
                        " days ago", "ms ago", " hours ago"), Arbitraries.of("", "-"))
                .as((amount, unit, sign) -> unit.endsWith("ago") ? amount + unit : sign + amount + unit);
        Arbitrary<String> durations = Combinators.combine(Arbitraries.longs(), Arbitraries.of("D", "H", "M", "S"))
                .as((amount, unit) -> (unit.equals("D") ? "P" : "PT") + amount + unit);
        return Arbitraries.oneOf(mutated, digits, relative, durations);
    }

    private static void assertParsesOrExplains(String text) {
        try {
            PARSER.toEpochMillis(text);
        } catch (InvalidTimeExpressionException e) {
            assertThat(e.getMessage()).startsWith("Time '").contains("Accepted forms: ")
                    .hasSizeLessThan(MAX_MESSAGE);
        }
    }
}
