package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * Which path a rewind takes, what it changes and what it reports, and which missing brokers a coverage check names,
 * on an in-memory cluster. Moving offsets on a real broker: RewindApplierTest and BrokerCoverageCheckTest.
 */
class RewindApplierDecisionsTest {

    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).broker("broker-b", B)
            .topic("t", 1);

    RewindApplierDecisionsTest() {
        cluster.queue("t", "broker-a", 0).stored(10, 20, 30, 40);
        cluster.queue("t", "broker-b", 0).stored(15, 25, 35);
    }

    @Test
    void aGroupWithNoConsumerOnlineIsCreatedWrittenAndReadBack() {
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 25);

        AppliedRewind applied = new RewindApplier(cluster).apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(applied.verifiedOffsets()).containsExactly(java.util.Map.entry("broker-a/0", 2L),
                java.util.Map.entry("broker-b/0", 1L));
        assertThat(cluster.calls()).containsExactly("group broker-a g", "group broker-b g", "write broker-a/0=2",
                "write broker-b/0=1");
    }

    @Test
    void anOnlineGroupIsResetThroughTheBrokersOnly() {
        cluster.online("g", "client-1", new MessageQueue("t", "broker-a", 0));
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);

        AppliedRewind applied = new RewindApplier(cluster).apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
        assertThat(cluster.calls()).containsExactly("reset broker-a/0=0", "reset broker-b/0=0");
    }

    @Test
    void anOnlineGroupIsLeftUntouchedWhereABrokerResetsOnTheClientSide() {
        cluster.online("g", "client-1").clientSideReset(B);
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);

        assertThatThrownBy(() -> new RewindApplier(cluster).apply(plan))
                .isInstanceOf(RewindException.class)
                .hasMessageStartingWith("Cannot rewind group 'g' while its consumers are connected: broker(s) broker-b ("
                        + B + ") do not reset offsets on the server side (useServerSideResetOffset is off)")
                .hasMessageContaining("Nothing was changed")
                .hasMessageNotContaining("broker-a");
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void aWriteTheBrokerIgnoresIsRedoneThroughThatBroker() {
        cluster.ignoringWrites(B);
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);

        AppliedRewind applied = new RewindApplier(cluster).apply(plan);
        assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(applied.verifiedOffsets()).containsValues(0L, 0L);
        assertThat(cluster.calls()).containsExactly("group broker-a g", "group broker-b g", "write broker-a/0=0",
                "write broker-b/0=0", "reset broker-b/0=0");
    }

    @Test
    void aBrokerThatFailsBeforeAnyWriteLeavesEveryQueueAsItWas() {
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);
        cluster.failing(B);

        assertThatThrownBy(() -> new RewindApplier(cluster).apply(plan))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("consumer group 'g'").hasMessageContaining("broker " + B);
        assertThat(cluster.calls()).containsExactly("group broker-a g");
        assertThat(cluster.committed("g", "t", "broker-a", 0)).isNull();
    }

    @Test
    void verificationNamesEveryQueueThatMissedItsTarget() {
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);
        new RewindApplier(cluster).apply(plan);
        List<QueueRewind> wanted = new ArrayList<>(plan.queues());
        wanted.replaceAll(q -> new QueueRewind(q.broker(), q.brokerAddress(), q.queueId(), q.minOffset(),
                q.maxOffset(), q.committedOffset(), 3, null, 0, 0));
        RewindPlan elsewhere = new RewindPlan("g", "t", 0, wanted, 0, 0, false, null, false);

        assertThatThrownBy(() -> OffsetVerifier.verify(cluster, elsewhere, Duration.ZERO))
                .isInstanceOfSatisfying(RewindVerificationException.class, e -> {
                    assertThat(e.queues()).containsExactly(new OffsetMismatch("broker-a", 0, 3, 0L),
                            new OffsetMismatch("broker-b", 0, 3, 0L));
                    assertThat(e.mismatches()).containsExactly("broker-a/0: expected 3, found 0",
                            "broker-b/0: expected 3, found 0");
                })
                .hasMessage("Rewind of group 'g' on topic 't' did not take effect on 2 queue(s): "
                        + "broker-a/0: expected 3, found 0; broker-b/0: expected 3, found 0");
        RewindPlan unknownGroup = new RewindPlan("nobody", "t", 0, plan.queues(), 0, 0, false, null, false);
        assertThatThrownBy(() -> OffsetVerifier.verify(cluster, unknownGroup, Duration.ZERO))
                .hasMessageContaining("broker-a/0: expected 0, found no offset");
    }

    @Test
    void brokersMissingFromTheRouteAreNamedFromTheJournalTheClusterAndOnlineConsumers() {
        InMemoryCluster partial = new InMemoryCluster().broker("broker-a", A).topic("t", 1)
                .unroutedBroker("broker-b", B).unroutedBroker("broker-c", "10.0.0.3:10911")
                .unroutedBroker("broker-d", "10.0.0.4:10911").failing("10.0.0.4:10911")
                .online("g", "client-1", new MessageQueue("t", "broker-e", 3), new MessageQueue("other", "broker-f", 0));
        partial.queue("t", "broker-b", 0); // broker-b still holds the topic; broker-c does not
        RewindPlan plan = new RewindPlanner(partial).plan("g", "t", 0);
        JournalEntry moved = new JournalEntry(JournalKind.STARTUP_POSITIONING, "g", "t", "-1h", 0, 1000, "app", 0,
                List.of(new QueueMove("broker-a", 0, null, 0), new QueueMove("broker-g", 1, null, 0)));

        BrokerCoverage coverage = new BrokerCoverageCheck(partial, (g, t) -> List.of(moved)).check(plan);
        assertThat(coverage.plannedBrokers()).containsExactly("broker-a");
        assertThat(coverage.missingBrokerNames()).containsExactly("broker-b", "broker-e", "broker-g");
        assertThat(coverage.missingBrokers()).extracting(MissingBroker::evidence).containsExactly(
                "registered with the name server at " + B + " and holds the topic, but the topic's route does not "
                        + "list it",
                "consumer client-1 of the group holds its queue 3",
                "held queues [1] in the journal's STARTUP_POSITIONING of group g at 1970-01-01T00:00:01Z");
        assertThat(coverage.unchecked()).isEmpty();

        BrokerCoverage withoutJournal = new BrokerCoverageCheck(partial, null).check(plan);
        assertThat(withoutJournal.missingBrokerNames()).containsExactly("broker-b", "broker-e");
    }

    @Test
    void queuesNoInstanceHeldBesideAnInPlaceRewindAreResetWhereTheBrokerCanElseWritten() {
        cluster.online("g", "client-1").clientSideReset(B);
        cluster.ensureGroup(B, "g"); // the brokers know a group whose consumers are online
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);
        QueueRewind onA = plan.queues().stream().filter(q -> q.broker().equals("broker-a")).findFirst().orElseThrow();
        QueueRewind onB = plan.queues().stream().filter(q -> q.broker().equals("broker-b")).findFirst().orElseThrow();

        java.util.Map<String, Long> verified = new RewindApplier(cluster).moveUnheld(plan, List.of(onA, onB));
        assertThat(verified).containsExactly(java.util.Map.entry("broker-a/0", 0L), java.util.Map.entry("broker-b/0", 0L));
        assertThat(cluster.calls()).endsWith("reset broker-a/0=0", "write broker-b/0=0")
                .noneMatch(call -> call.contains("broker-a/0=") && call.startsWith("write"));
    }

    @Test
    void queuesTheInstancesHeldAreLeftToThem() {
        cluster.online("g", "client-1");
        RewindPlan plan = new RewindPlanner(cluster).plan("g", "t", 0);

        java.util.Map<String, Long> verified = new RewindApplier(cluster).moveUnheld(plan, List.of());
        assertThat(verified).containsOnlyKeys("broker-a/0", "broker-b/0");
        assertThat(cluster.calls()).isEmpty();
    }
}
