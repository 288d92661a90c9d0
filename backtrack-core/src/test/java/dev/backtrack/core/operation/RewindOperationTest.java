package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.RewindPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * The shared rewind on an in-memory cluster: what it moves, refuses, records and reports, whatever the front end.
 * The same operation against real brokers: the endpoint's, the CLI's and the console's rewind tests.
 */
class RewindOperationTest {

    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";
    private static final String HINT = "--allow-partial";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).topic("t", 2);
    private final InMemorySession session = new InMemorySession(cluster);
    private final List<String> observed = new ArrayList<>();
    private final OperationObserver observer = new OperationObserver() {
        @Override
        public void rewound(JournalEntry entry, RewindPath path, Duration took) {
            observed.add("rewound " + entry.kind() + " " + entry.group() + " " + path);
        }

        @Override
        public void rewindFailed() {
            observed.add("failed");
        }
    };
    private final RewindOperation operation = new RewindOperation(session, observer);

    RewindOperationTest() {
        cluster.queue("t", "broker-a", 0).stored(10, 20, 30, 40);
        cluster.queue("t", "broker-a", 1).stored(15, 25, 35);
        cluster.commit("g", "t", "broker-a", 0, 4).commit("g", "t", "broker-a", 1, 3);
    }

    private static RewindRequest request(PositionRequest position, boolean dryRun, boolean allowPartial) {
        return new RewindRequest("g", "t", position, Set.of(), dryRun, allowPartial, "alice", HINT);
    }

    @Test
    void aRateThatCannotApplyRewindsAllTheSameWarnsAndIsRecordedInTheRequest() {
        RewindOutcome outcome = operation.run(new RewindRequest("g", "t", new PositionRequest.AtTime(20, "20"),
                Set.of(), false, false, "alice", HINT, SendRate.parse("200/s")));

        assertThat(outcome.applied().applied().path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(outcome.warnings()).singleElement().asString().startsWith(RateReach.ONLY_WITH_STARTER)
                .contains("consume the replayed range at full speed");
        assertThat(outcome.entry().requestedTime()).isEqualTo("20 at 200/s");
        assertThat(operation.run(request(new PositionRequest.AtTime(30, "30"), false, false)).warnings()).isEmpty();
    }

    @Test
    void aDryRunPlansAndNeitherMovesNorRecordsNorCounts() {
        RewindOutcome outcome = operation.run(request(new PositionRequest.AtTime(20, "20"), true, false));

        assertThat(outcome.dryRun()).isTrue();
        assertThat(outcome.entry()).isNull();
        assertThat(outcome.checked().plan().messagesToReplay()).isEqualTo(5); // 20, 30, 40 and 25, 35
        assertThat(cluster.calls()).isEmpty();
        assertThat(session.journalEntries()).isEmpty();
        assertThat(observed).isEmpty();
    }

    @Test
    void anAppliedRewindMovesRecordsWithTheActorAndIsCountedOnce() {
        RewindOutcome outcome = operation.run(request(PositionRequest.shift("-2", "shift"), false, false));

        assertThat(outcome.dryRun()).isFalse();
        assertThat(outcome.recorded()).isTrue();
        assertThat(outcome.warnings()).isEmpty();
        assertThat(outcome.applied().applied().verifiedOffsets()).isEqualTo(Map.of("broker-a/0", 2L,
                "broker-a/1", 1L));
        assertThat(outcome.applied().note()).isEqualTo("no control topic in this test: "
                + RewindPath.OFFLINE_WRITE.note());
        assertThat(session.journalEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(outcome.entry().id());
            assertThat(entry.kind()).isEqualTo(JournalKind.REWIND);
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.requestedTime()).isEqualTo("shift -2");
            assertThat(entry.queues()).extracting(QueueMove::from, QueueMove::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, 2L),
                            org.assertj.core.groups.Tuple.tuple(3L, 1L));
        });
        assertThat(observed).containsExactly("rewound REWIND g OFFLINE_WRITE");
    }

    @Test
    void onlyTheNamedQueuesMove() {
        RewindOutcome outcome = operation.run(new RewindRequest("g", "t", new PositionRequest.ToOffset(0),
                Set.of(new QueueRef("broker-a", 1)), false, false, "alice", HINT));

        assertThat(outcome.applied().applied().verifiedOffsets()).isEqualTo(Map.of("broker-a/1", 0L));
        assertThat(cluster.committed("g", "t", "broker-a", 0)).isEqualTo(4L);
    }

    @Test
    void aRewindMissingABrokerIsRefusedInTheFrontEndsTermsAndNothingMoves() {
        session.recorded(new JournalEntry(JournalKind.REWIND, "g", "t", "-1h", 0, 1000, "bob", 0,
                List.of(new QueueMove("broker-a", 0, null, 0), new QueueMove("broker-b", 0, null, 0))));

        assertThatThrownBy(() -> operation.run(request(new PositionRequest.ToOffset(0), false, false)))
                .isInstanceOfSatisfying(PartialRewindException.class, e -> {
                    assertThat(e.checked().coverage().missingBrokerNames()).containsExactly("broker-b");
                    assertThat(Refusal.of(e)).contains(Refusal.PARTIAL_CLUSTER);
                })
                .hasMessageContaining("broker-b").hasMessageContaining("accept a partial rewind with " + HINT)
                .hasMessageEndingWith("Nothing was changed.");
        assertThat(cluster.calls()).isEmpty();
        assertThat(session.journalEntries()).hasSize(1);
        assertThat(observed).isEmpty();
    }

    @Test
    void aPartialRewindAllowedMovesWhatCanBeReachedAndSaysSo() {
        session.recorded(new JournalEntry(JournalKind.REWIND, "g", "t", "-1h", 0, 1000, "bob", 0,
                List.of(new QueueMove("broker-b", 0, null, 0))));

        RewindOutcome outcome = operation.run(request(new PositionRequest.ToOffset(0), false, true));

        assertThat(outcome.partial()).isTrue();
        assertThat(outcome.checked().coverage().missingBrokerNames()).containsExactly("broker-b");
        assertThat(outcome.applied().applied().verifiedOffsets()).containsOnlyKeys("broker-a/0", "broker-a/1");
        assertThat(outcome.recorded()).isTrue();
    }

    @Test
    void aRecordThatCannotBeWrittenIsAWarningTheMoveStandsAndIsCounted() {
        session.refusingAppends();

        RewindOutcome outcome = operation.run(request(new PositionRequest.ToOffset(1), false, false));

        assertThat(outcome.recorded()).isFalse();
        assertThat(outcome.entry()).isNotNull();
        assertThat(outcome.warnings()).containsExactly("offsets moved; the record could not be written: The broker "
                + "did not store the journal entry: FLUSH_DISK_TIMEOUT");
        assertThat(cluster.committed("g", "t", "broker-a", 0)).isEqualTo(1L);
        assertThat(observed).containsExactly("rewound REWIND g OFFLINE_WRITE");
    }

    @Test
    void aMoveThatFailsIsCountedAsFailedAndThrown() {
        cluster.online("g", "client-1", new MessageQueue("t", "broker-a", 0)).clientSideReset(A);

        assertThatThrownBy(() -> operation.run(request(new PositionRequest.ToOffset(0), false, false)))
                .isInstanceOf(RewindException.class).hasMessageContaining("Nothing was changed");
        assertThat(observed).containsExactly("failed");
        assertThat(session.journalEntries()).isEmpty();
    }

    @Test
    void aPlanAloneIsWhatARewindWouldApply() {
        CheckedPlan checked = operation.plan("g", "t", new PositionRequest.AtTime(30, "30"), Set.of());
        RewindOutcome outcome = operation.apply(checked, request(new PositionRequest.AtTime(30, "30"), false, false));

        assertThat(outcome.checked()).isSameAs(checked);
        assertThat(outcome.applied().applied().verifiedOffsets()).isEqualTo(Map.of("broker-a/0", 2L,
                "broker-a/1", 2L));
    }

    @Test
    void aRewindOfAnOnlineGroupLooksAtItsConsumersOnceFromPlanToApply() {
        cluster.online("g", "client-1", new MessageQueue("t", "broker-a", 0), new MessageQueue("t", "broker-a", 1));

        RewindOutcome outcome = operation.run(request(new PositionRequest.ToOffset(1), false, false));

        assertThat(outcome.applied().applied().path()).isEqualTo(RewindPath.BROKER_RESET);
        assertThat(cluster.calls()).containsExactly("reset broker-a/0=1", "reset broker-a/1=1");
        assertThat(cluster.consumerLookups()).as("the planner's, the coverage's, the applier's checks share one look")
                .isEqualTo(1);
    }

    @Test
    void applyingAConfirmedPlanLooksAgainAndRefusesConsumersThatStartedBroadcastingMeanwhile() {
        CheckedPlan checked = operation.plan("g", "t", new PositionRequest.ToOffset(1), Set.of());
        cluster.online("g", "client-1").broadcasting("g"); // while a person reads the plan

        assertThatThrownBy(() -> operation.apply(checked, request(new PositionRequest.ToOffset(1), false, false)))
                .isInstanceOfSatisfying(dev.backtrack.core.BroadcastingGroupException.class,
                        e -> assertThat(Refusal.of(e)).isPresent())
                .hasMessageStartingWith("Group 'g' consumes in broadcasting mode");
        assertThat(cluster.calls()).as("nothing written or reset").isEmpty();
        assertThat(cluster.consumerLookups()).as("one look to plan, one right before applying").isEqualTo(2);
        assertThat(observed).containsExactly("failed");
    }

    @Test
    void applyingAConfirmedPlanAfterTheConsumersStoppedWritesTheOffsetsDirectly() {
        cluster.online("g", "client-1", new MessageQueue("t", "broker-a", 0), new MessageQueue("t", "broker-a", 1));
        CheckedPlan checked = operation.plan("g", "t", new PositionRequest.ToOffset(1), Set.of());
        cluster.offline("g");

        RewindOutcome outcome = operation.apply(checked, request(new PositionRequest.ToOffset(1), false, false));

        assertThat(outcome.applied().applied().path()).isEqualTo(RewindPath.OFFLINE_WRITE);
        assertThat(cluster.calls()).containsExactly("group broker-a g", "write broker-a/0=1", "write broker-a/1=1");
    }

    @Test
    void aGroupServedByAProxyIsRefusedBeforeAnythingMoves() {
        cluster.proxied("g", "grpc-1", "10.0.0.9:8081");

        assertThatThrownBy(() -> operation.run(request(new PositionRequest.ToOffset(1), false, false)))
                .isInstanceOf(dev.backtrack.core.ProxiedConsumersException.class)
                .hasMessageContaining("grpc-1").hasMessageContaining("10.0.0.9:8081");
        assertThat(cluster.calls()).isEmpty();
        assertThat(cluster.consumerLookups()).isEqualTo(1);
    }
}
