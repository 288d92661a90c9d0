package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * The journal is the evidence that guards against a partial rewind, and the audit trail: it must outlive the broker
 * that dies. The journal's topic has a queue on each broker; a rewind is recorded while both are up, its entry is read
 * on each broker's journal queue (checked, not assumed), and then broker-a, which holds that latest entry, is killed
 * with SIGKILL. The next rewind is still refused naming broker-a, because broker-b kept a copy of the entry that shows
 * broker-a held queues of the topic. {@link BrokerDownRewindTest} kills the other broker.
 */
class JournalSurvivesABrokerTest extends ClusterScenario {

    @Test
    void theBrokerHoldingTheLatestEntryKilledTheNextRewindIsStillRefusedNamingIt() throws Exception {
        String topic = unique("journal-kept");
        String group = unique("journal-kept-group");
        String journal = "JOURNAL_" + unique("jk").replace('-', '_');
        cluster.createTopic(topic, 2);
        cluster.createTopic(journal, 1);
        // 10 a queue, 2 queues on each broker
        MessageLedger ledger = MessageLedger.sentInBulk(cluster.nameServer(), topic, 40);
        RocketMqAdmin admin = cluster.admin();
        List<QueueAddress> queues = admin.queues(topic);
        for (QueueAddress queue : queues) { // an offline group that consumed everything
            admin.ensureGroup(queue.brokerAddress(), group);
            admin.writeOffset(queue.brokerAddress(), group, queue.queue(),
                    admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }

        long t = ledger.storeTime(ledger.id(20));
        Rewinds.Answer recorded = Rewinds.rewind(cluster.nameServer(), group, topic, t, "--journal-topic", journal);
        assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
        JournalEntry latest = latestOf(group, journal);
        assertThat(copiesOn("broker-a", journal, latest)).as("the entry's copy on broker-a").isEqualTo(1);
        assertThat(copiesOn("broker-b", journal, latest)).as("the entry's copy on broker-b").isEqualTo(1);

        cluster.killBroker("broker-a");
        awaitTrue("broker-a gone from the routes", Duration.ofSeconds(120),
                () -> !routedTo(topic, "broker-a") && !routedTo(journal, "broker-a"));

        assertThat(latestOf(group, journal)).as("the entry read from broker-b's copy").isEqualTo(latest);
        Rewinds.Answer refused = Rewinds.rewind(cluster.nameServer(), group, topic, ledger.storeTime(ledger.id(0)),
                "--journal-topic", journal);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.error()).contains("broker-a (held queues [0, 1] in the journal's REWIND")
                .contains("--allow-partial").contains("Nothing was changed");
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue()))
                    .as("broker-b's queue %s left where the recorded rewind put it", queue.queue().getQueueId())
                    .isEqualTo(latest.queues().stream().filter(m -> m.broker().equals("broker-b")
                            && m.queueId() == queue.queue().getQueueId()).findFirst().orElseThrow().to());
        }
    }

    private static JournalEntry latestOf(String group, String journal) {
        try (RewindJournal reader = new RewindJournal(cluster.nameServer(), null, journal)) {
            List<JournalEntry> entries = reader.entries().stream().filter(e -> e.group().equals(group)).toList();
            assertThat(entries).as("the group's entries in " + journal).isNotEmpty();
            return entries.get(entries.size() - 1);
        }
    }

    /** How many messages of the broker's journal queue hold the entry. */
    private static long copiesOn(String broker, String journal, JournalEntry entry) {
        MessageQueue queue = new MessageQueue(journal, broker, 0);
        return cluster.admin().readMessages(cluster.address(broker), queue, 0, 64).stream()
                .filter(m -> new String(m.getBody(), StandardCharsets.UTF_8).contains("\"" + entry.id() + "\""))
                .count();
    }
}
