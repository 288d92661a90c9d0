package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: two instances replay a large backlog after a rewind; one is killed with SIGKILL half-way. The survivor
 * takes its queues over and every message at or after T is consumed after the rewind. What at-least-once delivers
 * twice (the killed instance's uncommitted work) is counted and reported.
 */
class KillInstanceDuringReplayTest extends ClusterScenario {

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
        List<AppInstance> apps = startApps(2, topic, group, System.currentTimeMillis() + 1, Map.of());
        List<Path> ledgers = ledgers(apps);

        Rewinds.Answer answer = Rewinds.rewind(cluster.nameServer(), group, topic, t);
        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        awaitTrue("a third of the backlog replayed", Duration.ofSeconds(300),
                () -> ledger.receivedSince(ledgers, answer.startedAt()) >= messages / 3);
        int atKill = ledger.receivedSince(ledgers, answer.startedAt());
        apps.get(1).kill();

        poll(Duration.ofSeconds(300),
                () -> ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers).lost() == 0);
        LedgerSummary summary = new LedgerSummary("2 instance SIGKILL mid-replay", "2 instances, " + messages
                + " msgs replayed", "SIGKILL of one instance after " + atKill + " replayed",
                ledger.count(t, 0, answer.startedAt(), answer.answeredAt(), ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), answer.pathOrFailure(),
                answer.noteOrError()).report();

        assertThat(answer.path()).as(answer.toString()).isEqualTo("IN_PROCESS");
        assertThat(atKill).as("killed in the middle of the replay").isLessThan(messages);
        assertThat(summary.counts().expectedAfterT()).isEqualTo(messages);
        assertThat(summary.counts().lost()).as("lost").isZero();
        assertThat(summary.counts().consumedAfterT()).isEqualTo(messages);
        assertThat(summary.counts().wronglyReplayed()).isZero();
        assertThat(summary.duplicatePositionings()).as("start-up positionings applied more than once").isZero();
    }
}
