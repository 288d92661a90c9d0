package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: two instances replay a large backlog after a rewind; one is killed with SIGKILL half-way. The survivor
 * takes its queues over and every message at or after T is consumed after the rewind. What at-least-once delivers
 * twice (the killed instance's uncommitted work) is counted and reported.
 */
class KillInstanceDuringReplayTest extends ClusterScenario {

    /** "receivedAtMillis m-NNNNNNN\n". */
    private static final int LINE_BYTES = 24;

    @Test
    void survivorTakesOverTheQueuesOfAnInstanceKilledMidReplay() throws Exception {
        int messages = size("replayMessages", 50_000);
        String topic = unique("replay-kill");
        String group = unique("replay-kill-group");
        cluster.createTopic(topic, 4);
        MessageLedger ledger = new MessageLedger(topic);
        long t = System.currentTimeMillis();
        try (LedgerProducer producer = new LedgerProducer(cluster.nameServer(), ledger)) {
            producer.sendBulk(messages);
        }
        ledger.readStoreTimes(cluster.nameServer());
        // Positioned after the backlog: nothing is consumed until the rewind.
        // 1 ms a message, 4 threads an instance: the replay lasts a few seconds, long enough to kill an instance in it.
        List<AppInstance> apps = startApps(2, topic, group, System.currentTimeMillis() + 1,
                Map.of("ledger.delay-millis", "1"));
        List<Path> ledgers = ledgers(apps);

        long ledgerBytes = ledgerBytes(ledgers);
        Rewinds.Answer answer = Rewinds.rewind(cluster.nameServer(), group, topic, t);
        // Watched by file size (every ledger line has the same length), so the kill lands mid-replay.
        long third = (long) messages / 3 * LINE_BYTES;
        Awaitility.await("a third of the backlog replayed").atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofMillis(10)).until(() -> ledgerBytes(ledgers) - ledgerBytes >= third);
        apps.get(1).kill();
        int atKill = ledger.receivedSince(ledgers, answer.startedAt());

        poll(Duration.ofSeconds(300),
                () -> ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers).lost() == 0);
        LedgerSummary summary = new LedgerSummary("2 instance SIGKILL mid-replay", "2 instances, " + messages
                + " msgs replayed", "SIGKILL of one instance after " + atKill + " replayed",
                ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), answer.pathOrFailure(),
                answer.noteOrError()).report();

        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        assertThat(answer.path()).as(answer.toString()).isEqualTo("IN_PROCESS");
        assertThat(atKill).as("killed in the middle of the replay").isLessThan(messages);
        assertThat(summary.counts().expectedAfterT()).isEqualTo(messages);
        assertThat(summary.counts().lost()).as("lost").isZero();
        assertThat(summary.counts().consumedAfterT()).isEqualTo(messages);
        assertThat(summary.counts().wronglyReplayed()).isZero();
        assertThat(summary.duplicatePositionings()).as("start-up positionings applied more than once").isZero();
    }

    private static long ledgerBytes(List<Path> ledgers) {
        long bytes = 0;
        for (Path ledger : ledgers) {
            bytes += ledger.toFile().length();
        }
        return bytes;
    }
}
