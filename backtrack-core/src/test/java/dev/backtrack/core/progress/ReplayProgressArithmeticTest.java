package dev.backtrack.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replayed, total, percent, rate and ETA from committed offsets and successive samples. */
class ReplayProgressArithmeticTest {

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", "a:10911").topic("t", 3);
    private final MovableClock clock = new MovableClock();
    private final JournalEntry rewind = new JournalEntry(JournalKind.REWIND, "g", "t", "-1h", 1, 1, "alice", 100,
            List.of(new QueueMove("broker-a", 0, 60L, 10), new QueueMove("broker-a", 1, 50L, 0),
                    new QueueMove("broker-a", 2, null, 0)));

    @Test
    void progressCountsMessagesConsumedAgainUpToTheOffsetsTheRewindReplaced() {
        ReplayProgressTracker tracker = new ReplayProgressTracker(cluster, clock);
        cluster.commit("g", "t", "broker-a", 0, 10).commit("g", "t", "broker-a", 1, 0);
        ReplayProgress first = tracker.sample(rewind);
        assertThat(first.total()).isEqualTo(100);
        assertThat(first.replayed()).isZero();
        assertThat(first.ratePerSecond()).isZero();
        assertThat(first.etaSeconds()).isNull();
        assertThat(first.skippedQueues()).containsExactly("broker-a/2");

        clock.advance(10_000);
        cluster.commit("g", "t", "broker-a", 0, 30).commit("g", "t", "broker-a", 1, 20);
        ReplayProgress second = tracker.sample(rewind);
        assertThat(second.replayed()).isEqualTo(40);
        assertThat(second.percent()).isEqualTo(40.0);
        assertThat(second.ratePerSecond()).isEqualTo(4.0);
        assertThat(second.etaSeconds()).isEqualTo(15);
        assertThat(second.done()).isFalse();

        clock.advance(5_000);
        cluster.commit("g", "t", "broker-a", 0, 75).commit("g", "t", "broker-a", 1, 50); // past the catch-up point
        ReplayProgress last = tracker.sample(rewind);
        assertThat(last.replayed()).isEqualTo(100);
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(last.done()).isTrue();
        assertThat(last.etaSeconds()).isZero();
        assertThat(last.queues()).extracting(QueueProgress::committedOffset).containsExactly(75L, 50L);
    }

    @Test
    void aGroupWithNoOffsetYetHasReplayedNothing() {
        ReplayProgress progress = new ReplayProgressTracker(cluster, clock).sample(rewind);
        assertThat(progress.replayed()).isZero();
        assertThat(progress.done()).isFalse();
        assertThat(progress.queues()).extracting(QueueProgress::committedOffset).containsOnlyNulls();
    }

    private static final class MovableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long by) {
            millis += by;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
