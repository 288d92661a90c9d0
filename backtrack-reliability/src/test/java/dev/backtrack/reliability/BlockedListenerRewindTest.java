package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.control.FleetRewinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: the only consume thread of an instance is blocked (15 s on one message, three times the acknowledgement timeout) when an in-place rewind
 * arrives. The rewind is answered within the acknowledgement timeout, in place or through the broker fallback, and
 * the answer says which; once the listener is free, everything at or after T is consumed and nothing before T again.
 */
class BlockedListenerRewindTest extends ClusterScenario {

    private static final long BLOCK_MILLIS = 15_000;

    @Test
    void rewindArrivingWhileTheListenerIsBlockedIsAnsweredInTimeAndSaysHow() throws Exception {
        String topic = unique("blocked");
        String group = unique("blocked-group");
        cluster.createTopic(topic, 2);
        long start = System.currentTimeMillis() - 1;
        MessageLedger ledger = MessageLedger.sentInBulk(cluster.nameServer(), topic, 400);
        String blockOn = ledger.id(300);
        List<AppInstance> apps = startApps(1, topic, group, start, Map.of(
                "ledger.block-on", blockOn, "ledger.block-millis", Long.toString(BLOCK_MILLIS),
                "spring.cloud.stream.bindings.record-in-0.consumer.concurrency", "1"));
        List<Path> ledgers = ledgers(apps);
        apps.get(0).awaitLog("LEDGER blocking on " + blockOn, Duration.ofSeconds(120));

        int prefix = ledger.receivedPrefix(ledgers);
        long t = prefix >= 2 ? ledger.storeTime(ledger.id(prefix / 2)) : start;
        Rewinds.Answer answer = Rewinds.rewind(cluster.nameServer(), group, topic, t, "--ack-timeout", "5s");
        long answerMillis = answer.answeredAt() - answer.startedAt();

        poll(Duration.ofSeconds(BLOCK_MILLIS / 1000 + 150),
                () -> ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers).lost() == 0);
        LedgerSummary summary = new LedgerSummary("4 blocked listener", "1 instance, 1 consume thread, 400 msgs",
                "listener asleep " + BLOCK_MILLIS / 1000 + " s when the rewind arrives (answered in " + answerMillis
                        + " ms)",
                ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), answer.pathOrFailure(),
                answer.noteOrError()).report();

        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        assertThat(answerMillis).as("answered before the listener woke up").isLessThan(BLOCK_MILLIS);
        if ("IN_PROCESS".equals(answer.path())) {
            assertThat(answer.acknowledgements()).as(answer.toString()).isEqualTo(1);
            assertThat(answer.note()).contains("repositioned its queues in place");
        } else {
            assertThat(answer.path()).as(answer.toString()).isEqualTo("BROKER_RESET");
            assertThat(answer.note()).isEqualTo(FleetRewinder.BROKER_RESET_NOTE);
        }
        assertThat(summary.counts().lost()).as("lost").isZero();
        assertThat(summary.counts().consumedAfterT()).isEqualTo(summary.counts().expectedAfterT());
        assertThat(summary.counts().wronglyReplayed()).as("wrongly replayed").isZero();
    }
}
