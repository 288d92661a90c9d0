package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;


import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RecentEntries;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which brokers that held a topic a plan misses, from the journal and from online consumers. */
class BrokerCoverageCheckTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final String TOPIC = "coverage-topic";
    private static final String JOURNAL = "COVERAGE_JOURNAL";

    @Test
    void aBrokerThatIsDownIsNamedFromTheJournalOrFromAConsumerHoldingItsQueues(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 2);
        mq.createTopicOn("broker-a", JOURNAL, 1); // the journal on a broker that stays up
        produce(mq, 8);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
                RewindJournal journal = RewindJournal.openForWriting(admin, JOURNAL)) {
            journal.append(new JournalEntry(JournalKind.STARTUP_POSITIONING, "other", TOPIC, "-1h", 0, 1000, "app",
                    0, List.of(new QueueMove("broker-a", 0, null, 0), new QueueMove("broker-a", 1, null, 0),
                            new QueueMove("broker-b", 0, null, 0), new QueueMove("broker-b", 1, null, 0))));
        }
        try (RecordingConsumer online = RecordingConsumer.on(mq.nameServerAddress(), "coverage-online", TOPIC)
                // keeps broker-b's queues after it stops: its route is not refreshed
                .configure(c -> c.setPollNameServerInterval((int) Duration.ofMinutes(10).toMillis()))
                .start()) {
            online.awaitCount(8, Duration.ofSeconds(60));
            try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
                RewindPlan whole = new RewindPlanner(admin).plan("coverage-fresh", TOPIC, 0);
                BrokerCoverage all = check(admin, whole, journalEntries(mq));
                assertThat(all.complete()).isTrue();
                assertThat(all.plannedBrokers()).containsExactly("broker-a", "broker-b");
                assertThat(all.describe(whole, "--allow-partial")).isEmpty();
            }

            mq.stopBroker("broker-b");

            try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
                // A group with no entry of its own: the latest entry for the topic by any group is the evidence.
                RewindPlan fresh = new RewindPlanner(admin).plan("coverage-fresh", TOPIC, 0);
                assertThat(fresh.queues()).extracting(QueueRewind::broker).containsOnly("broker-a");
                BrokerCoverage fromJournal = check(admin, fresh, journalEntries(mq));
                assertThat(fromJournal.plannedBrokers()).containsExactly("broker-a");
                assertThat(fromJournal.missingBrokers()).singleElement().satisfies(missing -> {
                    assertThat(missing.broker()).isEqualTo("broker-b");
                    assertThat(missing.evidence()).contains("held queues [0, 1]")
                            .contains("STARTUP_POSITIONING of group other");
                });
                assertThat(fromJournal.describe(fresh, "--allow-partial"))
                        .contains("Only broker-a (2 queues) would move").contains("--allow-partial");

                // No journal at all: the online consumer still holds broker-b's queues (its route is not refreshed).
                RewindPlan onlinePlan = new RewindPlanner(admin).plan("coverage-online", TOPIC, 0);
                BrokerCoverage fromConsumer = check(admin, onlinePlan, (g, t) -> List.of());
                assertThat(fromConsumer.missingBrokerNames()).containsExactly("broker-b");
                assertThat(fromConsumer.missingBrokers().get(0).evidence()).startsWith("consumer ")
                        .contains("of the group holds its queue");

                // An unreadable journal is reported, not fatal, and proves nothing missing on its own.
                BrokerCoverage unreadable = check(admin, fresh, (g, t) -> {
                    throw new IllegalStateException("journal topic unreadable");
                });
                assertThat(unreadable.complete()).isTrue();
                assertThat(unreadable.unchecked()).containsExactly("journal: journal topic unreadable");
            }
        }
    }

    private static BrokerCoverage check(RocketMqAdmin admin, RewindPlan plan, RecentEntries journal) {
        return new BrokerCoverageCheck(admin, journal).check(plan);
    }

    /** The journal's latest entries, looked up in the broker's index as a plan does. */
    private static RecentEntries journalEntries(EmbeddedRocketMq mq) {
        return (group, topic) -> {
            try (RewindJournal journal = new RewindJournal(mq.nameServerAddress(), null, JOURNAL)) {
                return journal.recent(group, topic);
            }
        };
    }


    private static void produce(EmbeddedRocketMq mq, int count) throws Exception {
        TestClients.send(mq.nameServerAddress(), TOPIC, "m-", count);
    }
}
