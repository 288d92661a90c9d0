package dev.backtrack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code backtrack.console.resume-quiet} as Spring Boot binds it: durations of 0 or more, anything else refused. */
class ConsolePropertiesTest {

    @Test
    void theResumeQuietIsTwentySecondsUnlessSetToADurationOfZeroOrMore() {
        assertThat(bind(Map.of()).getResumeQuiet()).isEqualTo(Duration.ofSeconds(20));
        assertThat(bind(Map.of("backtrack.console.resume-quiet", "0")).getResumeQuiet()).isZero();
        assertThat(bind(Map.of("backtrack.console.resume-quiet", "90s")).getResumeQuiet())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aNegativeOrUnreadableResumeQuietStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("backtrack.console.resume-quiet", "-5s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("backtrack.console.resume-quiet is PT-5S; accepted: a duration of 0 or more, "
                        + "e.g. 20s");
        assertThatThrownBy(() -> bind(Map.of("backtrack.console.resume-quiet", "soon")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(((BindException) e).getProperty().getName())
                        .hasToString("backtrack.console.resume-quiet"))
                .rootCause().hasMessageContaining("'soon' is not a valid duration");
    }

    private static BacktrackConsoleProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("backtrack.console", BacktrackConsoleProperties.class);
    }
}
