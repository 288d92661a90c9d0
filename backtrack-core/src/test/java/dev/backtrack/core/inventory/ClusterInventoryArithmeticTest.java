package dev.backtrack.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.cluster.InMemoryCluster;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * The inventory on an in-memory cluster: which topics and groups are the applications', how many messages a topic
 * retains, and a group's lag per queue. Real-broker listings: the console's and CLI's inventory tests.
 */
class ClusterInventoryArithmeticTest {

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", "10.0.0.1:10911")
            .broker("broker-b", "10.0.0.2:10911").topic("orders", 2).topic("journal-own", 1)
            .listedTopic(MixAll.getRetryTopic("billing")).listedTopic("TBW102").listedTopic("broker-a")
            .listedTopic(InMemoryCluster.CLUSTER);

    ClusterInventoryArithmeticTest() {
        cluster.queue("orders", "broker-a", 0).stored(1, 2, 3, 4, 5).deletedBefore(2);
        cluster.queue("orders", "broker-a", 1).stored(1, 2);
        cluster.queue("orders", "broker-b", 0).stored(1, 2, 3);
        cluster.commit("billing", "orders", "broker-a", 0, 4).commit("billing", "orders", "broker-b", 0, 3)
                .commit("billing", MixAll.getRetryTopic("billing"), "broker-a", 0, 0)
                .commit(MixAll.TOOLS_CONSUMER_GROUP, "orders", "broker-a", 1, 0);
        cluster.queue(MixAll.getRetryTopic("billing"), "broker-a", 0).stored(1);
    }

    @Test
    void topicsLeaveOutRocketMqsAndBacktracksOwnAndCountTheRetainedMessages() {
        List<TopicSummary> topics = new ClusterInventory(cluster, Set.of("journal-own")).topics();

        // broker-a/0 retains 3 of 5 (two deleted), broker-a/1 2, broker-b/0 3; the other queues are empty
        assertThat(topics).containsExactly(new TopicSummary("orders", 4, List.of("broker-a", "broker-b"), 8));
    }

    @Test
    void aGroupsLagIsWhatItHasNotConsumedOnEachQueueAndItsTopicsIncludeItsSubscriptions() {
        cluster.online("billing", "client-1", new MessageQueue("orders", "broker-a", 0))
                .subscribes("billing", "payments", "*");

        List<GroupSummary> groups = new ClusterInventory(cluster, Set.of()).groups();

        assertThat(groups).extracting(GroupSummary::group).containsExactly("billing");
        GroupSummary billing = groups.get(0);
        assertThat(billing.queues()).containsExactly(new GroupSummary.Queue("orders", "broker-a", 0, 4, 5, 1),
                new GroupSummary.Queue("orders", "broker-b", 0, 3, 3, 0));
        assertThat(billing.lag()).isEqualTo(1);
        assertThat(billing.topics()).as("committed on orders, subscribes payments; retry topic left out")
                .containsExactly("orders", "payments");
        assertThat(billing.online()).isEqualTo(1);
        assertThat(billing.clients()).containsExactly(new GroupSummary.Client("client-1", "addr-of-client-1"));
    }

    @Test
    void anOfflineGroupHasNoClientsAndAGroupThatCommittedBelowZeroLagsByTheWholeQueue() {
        cluster.commit("audit", "orders", "broker-b", 0, -1);

        GroupSummary audit = new ClusterInventory(cluster, Set.of()).groups().stream()
                .filter(g -> g.group().equals("audit")).findFirst().orElseThrow();

        assertThat(audit.online()).isZero();
        assertThat(audit.clients()).isEmpty();
        assertThat(audit.lag()).isEqualTo(3);
    }
}
