package dev.backtrack.autoconfigure.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which runs are paused, from journal entries alone, and how often the journal is read: once per maximum age, again
 * after {@link PausedRuns#forget()}; an unreadable journal counts as unknown, not as none. PausedRunsOverHttpTest
 * shows the same on a real broker.
 */
class PausedRunsTest {

    private final List<JournalEntry> journal = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aRunIsPausedWhileItsLatestEntrySaysSo() {
        journal.add(entry("r1", RunState.STARTED, null, 1));
        journal.add(entry("r2", RunState.STARTED, null, 2));
        journal.add(entry("r1", RunState.PAUSED, "paused after the canary", 3));
        journal.add(entry("r2", RunState.PAUSED, "paused: too many failed", 4));
        journal.add(entry("r2", RunState.RESUMED, "resumed by fixer", 5));
        journal.add(entry("r3", RunState.STARTED, null, 6));
        journal.add(entry("r3", RunState.PAUSED, "paused: 3 of 20 failed", 7));
        journal.add(entry("r3", RunState.ABORTED, "aborted by operator", 8));

        assertThat(PausedRuns.of(journal)).containsExactly(
                new PausedRun("r1", "g", "t", "paused after the canary", 3));
    }

    @Test
    void theJournalIsReadOncePerMaximumAgeAndAgainAfterForget() {
        PausedRuns runs = new PausedRuns(this::read, Duration.ofHours(1));
        assertThat(runs.read().count()).isZero();
        journal.add(entry("r1", RunState.PAUSED, "paused after the canary", 1));
        assertThat(runs.read().count()).as("the reading serves until it is old").isZero();
        assertThat(reads).hasValue(1);

        runs.forget();

        assertThat(runs.read().runs()).extracting(PausedRun::runId).containsExactly("r1");
        assertThat(reads).hasValue(2);
        assertThat(new PausedRuns(this::read, Duration.ZERO).read().count()).isEqualTo(1);
    }

    @Test
    void anUnreadableJournalIsUnknownNotEmpty() {
        PausedRuns runs = new PausedRuns(() -> {
            throw new JournalException("Cannot read the journal topic J: broker silent", null);
        }, Duration.ofHours(1));

        PausedRuns.Reading reading = runs.read();

        assertThat(reading.count()).isNaN();
        assertThat(reading.runs()).isEmpty();
        assertThat(reading.failure()).isEqualTo("Cannot read the journal topic J: broker silent");
    }

    private List<JournalEntry> read() {
        reads.incrementAndGet();
        return List.copyOf(journal);
    }

    private static JournalEntry entry(String runId, RunState state, String reason, long at) {
        return new JournalEntry("e" + at, JournalKind.WINDOW_REPLAY, "g", "t", "0", 0, at, "operator", 0, List.of(),
                null, null, new SendRun(runId, state, 10, null, null, null, null, 5, reason));
    }
}
