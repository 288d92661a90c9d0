package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.time.InvalidTimeExpressionException;
import dev.backtrack.core.undo.UndoRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure an operation throws falls in exactly one row of the table, and docs/architecture.md lists it. */
class RefusalTest {

    @Test
    void everyRowHasItsFailureAndEachFailureItsRow() {
        Map<Refusal, RuntimeException> examples = RefusalExamples.oneOfEach();
        assertThat(examples).containsOnlyKeys(Refusal.values());
        examples.forEach((row, failure) -> assertThat(Refusal.of(failure)).as(failure.toString()).contains(row));
    }

    @Test
    void subclassesFallInTheirParentsRowAndOtherFailuresInNone() {
        assertThat(Refusal.of(new UndoRefusedException("undone"))).contains(Refusal.ENTRY_REFUSED);
        assertThat(Refusal.of(new InvalidTimeExpressionException("soon", "not a time"))).contains(Refusal.BAD_INPUT);
        assertThat(Refusal.of(new IllegalArgumentException("Field 'dryRun' is 'maybe'"))).contains(Refusal.BAD_INPUT);
        assertThat(Refusal.of(new JournalException("cannot read", null))).contains(Refusal.CLUSTER_FAILURE);
        assertThat(Refusal.of(new NullPointerException())).isEmpty();
        assertThat(Refusal.of(new IllegalStateException("a defect"))).isEmpty();
    }

    @Test
    void onlyBadInputAndUnknownIdsAreUsageErrorsAndOnlyRefusalsInTheClustersStateAreConflicts() {
        for (Refusal row : Refusal.values()) {
            assertThat(row.exitCode()).as(row.name()).isEqualTo(row.httpStatus() == 400
                    || row == Refusal.UNKNOWN_ENTRY ? 2 : 1);
            assertThat(row.httpStatus()).as(row.name()).isIn(400, 404, 409, 503);
        }
    }

    @Test
    void theArchitectureDocumentListsEveryRowWithItsStatusAndExitCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "architecture.md"));
        for (Refusal row : Refusal.values()) {
            assertThat(doc).as(row.name()).containsPattern("\\| `" + row.name() + "` \\|[^\\n]*\\| "
                    + row.httpStatus() + " \\| " + row.exitCode() + " \\|");
        }
    }
}
