package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.replay.SendRate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch rewind's decisions on an in-memory cluster: which pairs it finds, which it refuses and when, and how a
 * failure part way is reported. Moving real groups: {@code BatchRewindOperationTest}.
 */
class BatchRewindDecisionsTest {

    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).broker("broker-b", B);
    private final InMemorySession session = new InMemorySession(cluster);
    private final BatchRewindOperation batches = new BatchRewindOperation(session, new RewindTargets(cluster),
            OperationObserver.NONE);

    private static BatchRewindRequest request(BatchRewindRequest.Scope scope, boolean skipRefused) {
        return new BatchRewindRequest(scope, new PositionRequest.ToOffset(0), skipRefused, false, "alice",
                "--allow-partial", "--skip-refused", SendRate.UNLIMITED);
    }

    private void topicOn(String topic, String broker, String... groups) {
        cluster.queue(topic, broker, 0).stored(10, 20, 30);
        for (String group : groups) {
            cluster.commit(group, topic, broker, 0, 3);
        }
    }

    @Test
    void aFailurePartWayStopsTheBatchAndSaysPerPairWhatMovedFailedOrWasNotTried() {
        topicOn("t1", "broker-a", "g");
        topicOn("t2", "broker-b", "g");
        topicOn("t3", "broker-a", "g");
        BatchPlan plan = batches.plan(request(new BatchRewindRequest.AllTopicsOf("g"), false));
        assertThat(plan.topics()).containsExactly("t1", "t2", "t3");
        cluster.failing(B); // after the plan: broker-b stops answering while the batch moves

        assertThatThrownBy(() -> batches.apply(plan)).isInstanceOfSatisfying(BatchMoveFailedException.class, e -> {
            assertThat(e.steps()).extracting(BatchStep::status).containsExactly(BatchStep.Status.MOVED,
                    BatchStep.Status.FAILED, BatchStep.Status.NOT_ATTEMPTED);
            assertThat(e.steps().get(1).reason()).isNotBlank();
            assertThat(session.journalEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.topic()).isEqualTo("t1");
                assertThat(entry.batch()).isEqualTo(e.batch());
            });
            assertThat(Refusal.of(e)).contains(Refusal.CLUSTER_FAILURE);
        }).hasMessageContaining("group 'g' on topic 't1': moved; group 'g' on topic 't2': FAILED: ")
                .hasMessageContaining("group 'g' on topic 't3': not attempted")
                .hasMessageContaining("The moved pairs are recorded under batch ");
        assertThat(cluster.committed("g", "t1", "broker-a", 0)).isZero();
        assertThat(cluster.committed("g", "t3", "broker-a", 0)).isEqualTo(3);
    }

    @Test
    void gRpcConsumersRefuseTheirGroupAtPlanAndAGroupTurnedBroadcastingRefusesTheBatchBeforeAnythingMoves() {
        topicOn("t", "broker-a", "a", "b", "c");
        cluster.proxied("c", "grpc-1", "127.0.0.1:8081");

        assertThatThrownBy(() -> batches.plan(request(new BatchRewindRequest.AllGroupsOf("t"), false)))
                .isInstanceOf(BatchRefusedException.class)
                .hasMessageContaining("1 of 3 group/topic pair(s) cannot move: group 'c' on topic 't': ")
                .hasMessageContaining("Move the others only with --skip-refused.");
        BatchPlan plan = batches.plan(request(new BatchRewindRequest.AllGroupsOf("t"), true));
        assertThat(plan.groups()).containsExactly("a", "b");
        assertThat(plan.refused()).extracting(RefusedPair::refusal).containsExactly(Refusal.RUNNING_GRPC_CONSUMERS);

        cluster.online("b", "client-b").broadcasting("b");
        BatchPlan strict = new BatchPlan(request(new BatchRewindRequest.AllGroupsOf("t"), false), plan.planned(),
                List.of());
        assertThatThrownBy(() -> batches.apply(strict)).isInstanceOf(BatchRefusedException.class)
                .hasMessageContaining("group 'b' on topic 't': Group 'b' consumes in broadcasting mode");
        assertThat(cluster.calls()).as("nothing moved").isEmpty();

        BatchRewindOutcome outcome = batches.apply(plan);
        assertThat(outcome.steps()).extracting(BatchStep::group).containsExactly("a");
        assertThat(outcome.plan().refused()).extracting(RefusedPair::group).containsExactly("c", "b");
        assertThat(cluster.committed("a", "t", "broker-a", 0)).isZero();
        assertThat(cluster.committed("b", "t", "broker-a", 0)).isEqualTo(3);
    }

    @Test
    void groupsOnlineAndWithOffsetsAreFoundAndRetryTopicsAndSystemGroupsLeftOut() {
        topicOn("t", "broker-a", "with-offsets", "BACKTRACK_tool");
        topicOn("u", "broker-b", "with-offsets");
        cluster.online("online-only", "c1").subscribes("online-only", "t", "*")
                .subscribes("online-only", "%RETRY%online-only", "*");
        RewindTargets targets = new RewindTargets(cluster);

        assertThat(targets.groupsOf("t")).containsExactly("online-only", "with-offsets");
        assertThat(targets.topicsOf("online-only")).containsExactly("t");
        assertThat(targets.topicsOf("with-offsets")).containsExactly("t", "u");
    }

    @Test
    void aTopicWithoutGroupsOrAnUnknownOneIsRefusedNamingIt() {
        topicOn("empty", "broker-a");
        assertThatThrownBy(() -> batches.plan(request(new BatchRewindRequest.AllGroupsOf("empty"), false)))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessageStartingWith("Topic 'empty' has no consumer group");
        assertThatThrownBy(() -> batches.plan(request(new BatchRewindRequest.AllGroupsOf("nowhere"), false)))
                .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.UNKNOWN_TOPIC));
    }
}
