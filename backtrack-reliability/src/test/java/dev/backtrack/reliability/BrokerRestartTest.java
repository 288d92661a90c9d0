package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.journal.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: a broker process is killed with SIGKILL and started again over its store, once during a replay and once
 * right after a rewind, before the consumers persisted their offsets. Nothing at or after T is lost, nothing before T
 * comes again, and the journal still lists both rewinds.
 */
class BrokerRestartTest extends ClusterScenario {

    @Test
    void brokerKilledDuringReplayAndRightAfterARewindLosesNothing() throws Exception {
        int messages = size("brokerRestartMessages", 4_000);
        String topic = unique("broker-restart");
        String group = unique("broker-restart-group");
        cluster.createTopic(topic, 4);
        MessageLedger ledger = new MessageLedger(topic);
        long start = System.currentTimeMillis() - 1;
        try (LedgerProducer producer = new LedgerProducer(cluster.nameServer(), ledger)) {
            producer.sendBulk(messages);
        }
        ledger.readStoreTimes(cluster.nameServer());
        // 15 ms a message, 4 threads: the replay lasts long enough for a broker to die in the middle of it.
        List<AppInstance> apps = startApps(1, topic, group, start, Map.of("ledger.delay-millis", "15"));
        List<Path> ledgers = ledgers(apps);
        awaitTrue("the backlog consumed once", Duration.ofSeconds(240),
                () -> ledger.receivedAtAll(ledgers) == messages);

        // A: broker-b killed while the group replays, then restarted over its store.
        long t1 = ledger.storeTime(ledger.id(messages / 2));
        Rewinds.Answer first = Rewinds.rewind(cluster.nameServer(), group, topic, t1);
        awaitTrue("the replay under way", Duration.ofSeconds(120),
                () -> ledger.receivedSince(ledgers, first.startedAt()) >= messages / 40);
        int atKill = ledger.receivedSince(ledgers, first.startedAt());
        cluster.killBroker("broker-b");
        cluster.restartBroker("broker-b");
        poll(Duration.ofSeconds(240),
                () -> ledger.count(t1, 0, first.startedAt(), first.answeredAt(), ledgers).lost() == 0);
        List<JournalEntry> journal = journal(group);
        LedgerSummary replayRestart = new LedgerSummary("3a broker SIGKILL during replay", "1 instance, " + messages
                + " msgs, " + (messages / 2) + " replayed",
                "SIGKILL + restart of broker-b over its store after " + atKill + " replayed",
                ledger.count(t1, 0, first.startedAt(), first.answeredAt(), ledgers),
                Journal.duplicatePositionings(journal), first.pathOrFailure(), first.noteOrError()).report();

        // B: broker-a killed right after a rewind, before the consumers' next offset commit (every 5 s).
        long t2 = ledger.storeTime(ledger.id(messages / 4));
        awaitTrue("the first replay finished", Duration.ofSeconds(120),
                () -> ledger.receivedSince(ledgers, first.startedAt()) >= messages - messages / 2);
        Rewinds.Answer second = Rewinds.rewind(cluster.nameServer(), group, topic, t2);
        cluster.killBroker("broker-a");
        cluster.restartBroker("broker-a");
        poll(Duration.ofSeconds(240),
                () -> ledger.count(t2, first.startedAt(), second.startedAt(), second.answeredAt(), ledgers)
                        .lost() == 0);
        journal = journal(group);
        LedgerSummary rewindRestart = new LedgerSummary("3b broker SIGKILL right after rewind", "1 instance, "
                + messages + " msgs, " + (messages - messages / 4) + " replayed",
                "SIGKILL + restart of broker-a right after the rewind answer",
                ledger.count(t2, first.startedAt(), second.startedAt(), second.answeredAt(), ledgers),
                Journal.duplicatePositionings(journal), second.pathOrFailure(), second.noteOrError()).report();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(atKill).as("broker killed in the middle of the replay")
                .isLessThan(replayRestart.counts().expectedAfterT());
        for (LedgerSummary summary : List.of(replayRestart, rewindRestart)) {
            assertThat(summary.counts().lost()).as(summary.scenario() + ": lost").isZero();
            assertThat(summary.counts().consumedAfterT()).as(summary.scenario())
                    .isEqualTo(summary.counts().expectedAfterT());
            assertThat(summary.counts().wronglyReplayed()).as(summary.scenario() + ": wrongly replayed").isZero();
        }
        assertThat(Journal.rewinds(journal, topic, t1)).as("the rewind to T1 in the journal").isEqualTo(1);
        assertThat(Journal.rewinds(journal, topic, t2)).as("the rewind to T2 in the journal").isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static List<JournalEntry> journal(String group) {
        List<JournalEntry>[] entries = new List[1];
        awaitTrue("the journal readable", Duration.ofSeconds(60), () -> {
            entries[0] = Journal.entries(cluster.nameServer(), group);
            return true;
        });
        return entries[0];
    }
}
