package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;

/** One look at a group's consumers: what it holds, and that the costly pop question is asked once, when needed. */
class GroupConsumersTest {

    @Test
    void whetherAConsumerPopsIsAskedOnceAndNeverForAGroupWithNoneOnline() {
        AtomicInteger asked = new AtomicInteger();
        GroupConsumers online = new GroupConsumers("g", Set.of("c1"), MessageModel.CLUSTERING, Map.of(),
                () -> asked.incrementAndGet() > 0);
        GroupConsumers offline = new GroupConsumers("g", Set.of(), null, Map.of(), () -> asked.incrementAndGet() > 0);

        assertThat(offline.pops()).isFalse();
        assertThat(asked).hasValue(0);
        assertThat(online.pops()).isTrue();
        assertThat(online.pops()).isTrue();
        assertThat(asked).hasValue(1);
    }

    @Test
    void proxiedClientsKeepTheProxiesOrder() {
        Map<String, String> proxied = new LinkedHashMap<>();
        List.of("z-client", "a-client", "m-client").forEach(c -> proxied.put(c, "proxy-" + c));

        GroupConsumers consumers = new GroupConsumers("g", proxied.keySet(), MessageModel.CLUSTERING, proxied,
                () -> false);

        assertThat(consumers.proxied().keySet()).containsExactly("z-client", "a-client", "m-client");
        assertThat(consumers.online()).isTrue();
    }

    @Test
    void theDefaultLookAsksEachQuestionOfAClusterThatHasNoLookOfItsOwn() {
        InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", "10.0.0.1:10911").topic("t", 1)
                .online("g", "c1", new MessageQueue("t", "broker-a", 0)).broadcasting("g").popping("g");
        ConsumersOnline questions = new ConsumersOnline() {
            @Override
            public Set<String> onlineClients(String group) {
                return cluster.onlineClients(group);
            }

            @Override
            public MessageModel onlineMessageModel(String group) {
                return cluster.onlineMessageModel(group);
            }

            @Override
            public boolean popsOnline(String group) {
                return cluster.popsOnline(group);
            }

            @Override
            public Set<MessageQueue> consumerQueues(String group, String clientId) {
                return cluster.consumerQueues(group, clientId);
            }
        };

        GroupConsumers seen = GroupConsumers.of(questions, "g");
        GroupConsumers nobody = GroupConsumers.of(questions, "other");

        assertThat(seen.clients()).containsExactly("c1");
        assertThat(seen.messageModel()).isEqualTo(MessageModel.BROADCASTING);
        assertThat(seen.pops()).isTrue();
        assertThat(nobody.online()).isFalse();
        assertThat(nobody.messageModel()).isNull();
        assertThat(cluster.consumerLookups()).as("clients and model of g, clients of other, pops of g").isEqualTo(4);
    }
}
