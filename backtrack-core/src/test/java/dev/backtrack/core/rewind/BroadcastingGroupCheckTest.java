package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.InMemoryCluster;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/** Which groups the broadcasting check lets through, and that a refused rewind touches nothing. */
class BroadcastingGroupCheckTest {

    private static final String TOPIC = "orders";

    private static InMemoryCluster cluster() {
        InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", "10.0.0.1:10911").topic(TOPIC, 2);
        cluster.queue(TOPIC, "broker-a", 0).stored(1_000, 2_000, 3_000);
        return cluster;
    }

    @Test
    void aGroupWithNoConsumerConnectedOrClusteringConsumersPasses() {
        InMemoryCluster cluster = cluster().online("clustering-g", "client-1",
                new MessageQueue(TOPIC, "broker-a", 0));
        BroadcastingGroupCheck.requireBrokerKeptOffsets(GroupConsumers.of(cluster, "offline-g"));
        BroadcastingGroupCheck.requireBrokerKeptOffsets(GroupConsumers.of(cluster, "clustering-g"));
        assertThat(new RewindPlanner(cluster).plan("clustering-g", TOPIC, 2_000).queues()).hasSize(2);
    }

    @Test
    void aBroadcastingGroupIsRefusedByPlanAndApplyBeforeAnythingIsWritten() {
        InMemoryCluster cluster = cluster();
        RewindPlan plan = new RewindPlanner(cluster).plan("bc-g", TOPIC, 2_000);
        cluster.online("bc-g", "client-1").broadcasting("bc-g");

        assertThatThrownBy(() -> new RewindPlanner(cluster).plan("bc-g", TOPIC, 2_000))
                .isInstanceOf(BroadcastingGroupException.class)
                .hasMessageStartingWith("Group 'bc-g' consumes in broadcasting mode")
                .satisfies(e -> assertThat(((BroadcastingGroupException) e).group()).isEqualTo("bc-g"));
        assertThatThrownBy(() -> new RewindApplier(cluster).apply(plan))
                .isInstanceOf(BroadcastingGroupException.class);
        assertThat(cluster.calls()).as("nothing written or reset").isEmpty();
    }
}
