package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.operation.RefusalExamples;
import org.junit.jupiter.api.Test;

/** The CLI exits with the code of every row of core's refusal table; 2 for its own usage errors, 1 for defects. */
class CliRefusalsTest {

    @Test
    void everyRefusalExitsWithItsCode() {
        RefusalExamples.oneOfEach().forEach((row, failure) ->
                assertThat(BacktrackCli.exitCode(failure)).as(row.name()).isEqualTo(row.exitCode()));
    }

    @Test
    void usageErrorsExitTwoAndDefectsOne() {
        assertThat(BacktrackCli.exitCode(new UsageException("--yes and --dry-run together"))).isEqualTo(2);
        assertThat(BacktrackCli.exitCode(new IllegalStateException("a defect"))).isEqualTo(1);
    }
}
