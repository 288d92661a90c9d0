package dev.backtrack.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Orders and acknowledgements over a real control topic. */
class ControlChannelTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void anOrderForAConsumerThatIsNotStartedIsAnsweredWithAnError() {
        String topic = "CTL_NOT_STARTED";
        DefaultMQPushConsumer idle = TestClients.sizedForLoad(new DefaultMQPushConsumer("idle-g"));
        idle.setNamesrvAddr(MQ.nameServerAddress());
        List<RewindAck> acks = new CopyOnWriteArrayList<>();
        try (ControlChannel instance = new ControlChannel(admin, topic);
                ControlChannel requester = new ControlChannel(admin, topic)) {
            new OrderExecutor(instance, (group, t) -> group.equals("idle-g") ? Optional.of(idle) : Optional.empty(),
                    "app@host/1");
            requester.onAck(acks::add);
            requester.send(order("order-idle", "idle-g"));

            await().atMost(PATIENCE).until(() -> !acks.isEmpty());
            assertThat(acks).singleElement().satisfies(ack -> {
                assertThat(ack.requestId()).isEqualTo("order-idle");
                assertThat(ack.instance()).isEqualTo("app@host/1");
                assertThat(ack.clientId()).isEqualTo(idle.buildMQClientId());
                assertThat(ack.queuesMoved()).isEmpty();
                assertThat(ack.error()).isEqualTo("the consumer of group 'idle-g' on topic 'orders' cannot be rewound "
                        + "in place here: it is not running (CREATE_JUST)");
            });
        }
    }

    @Test
    void anOrderCarriesItsRateAndAnOrderOfAnEarlierVersionWithoutOneMeansFullSpeed() throws Exception {
        String topic = "CTL_RATE";
        List<RewindOrder> orders = new CopyOnWriteArrayList<>();
        DefaultMQProducer raw = StoredMessages.producer(MQ.nameServerAddress());
        try (ControlChannel channel = new ControlChannel(admin, topic)) {
            channel.onOrder(orders::add);
            raw.send(new Message(topic, "ORDER", "order-old", ("{\"requestId\":\"order-old\",\"group\":\"g\","
                    + "\"topic\":\"orders\",\"targets\":[{\"broker\":\"broker-a\",\"queueId\":0,\"offset\":3}],"
                    + "\"issuedBy\":\"an earlier version\",\"issuedAt\":1}").getBytes(StandardCharsets.UTF_8)));
            RewindOrder rated = order("order-rated", "g");
            channel.send(new RewindOrder(rated.requestId(), rated.group(), rated.topic(), rated.targets(),
                    rated.issuedBy(), rated.issuedAt(), 200.0));

            await().atMost(PATIENCE).until(() -> orders.size() == 2);
            assertThat(orders.get(0).requestId()).isEqualTo("order-old");
            assertThat(orders.get(0).rate().limited()).isFalse();
            assertThat(orders.get(1).rate().describe()).isEqualTo("200/s");
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void neitherAnUnreadableMessageNorAFailingHandlerStopsTheOtherHandlersOrTheChannel() throws Exception {
        String topic = "CTL_FAILING_HANDLER";
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        DefaultMQProducer raw = StoredMessages.producer(MQ.nameServerAddress());
        try (ControlChannel channel = new ControlChannel(admin, topic)) {
            channel.onOrder(order -> {
                first.add(order.requestId());
                if (order.requestId().equals("order-boom")) {
                    throw new IllegalStateException("this handler fails");
                }
            });
            channel.onOrder(order -> second.add(order.requestId()));
            raw.send(new Message(topic, "ORDER", "garbage", "not an order".getBytes(StandardCharsets.UTF_8)));
            channel.send(order("order-boom", "g"));
            channel.send(order("order-later", "g"));

            await().atMost(PATIENCE).until(() -> second.size() == 2);
            assertThat(second).containsExactly("order-boom", "order-later");
            assertThat(first).containsExactly("order-boom", "order-later");
        } finally {
            raw.shutdown();
        }
    }

    private static RewindOrder order(String requestId, String group) {
        return new RewindOrder(requestId, group, "orders", List.of(new QueueTarget("broker-a", 0, 0)), "tester",
                System.currentTimeMillis());
    }
}
