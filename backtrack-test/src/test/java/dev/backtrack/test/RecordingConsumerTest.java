package dev.backtrack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordingConsumerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void recordsBodiesAndDeliveriesAndWaitsForThem(EmbeddedRocketMq mq) throws Exception {
        String topic = "recording-bodies";
        mq.createTopic(topic);
        send(mq, topic, "b-0", "b-1", "b-2");

        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), "recording-bodies-g",
                topic)) {
            assertThat(consumer.awaitLabels(List.of("b-0", "b-2"), PATIENCE)).contains("b-0", "b-2");
            assertThat(consumer.awaitCount(3, PATIENCE)).containsExactlyInAnyOrder("b-0", "b-1", "b-2");
            consumer.awaitDeliveries(3, PATIENCE);
            assertThat(consumer.count()).isEqualTo(3);
            assertThat(consumer.deliveries()).isEqualTo(3);
            assertThat(consumer.deliveries("b-1")).isEqualTo(1);
            assertThat(consumer.deliveries("never-sent")).isZero();
            assertThat(consumer.deliveryCounts()).containsOnlyKeys("b-0", "b-1", "b-2");
            assertThat(consumer.deliveryOrder()).containsExactlyInAnyOrder("b-0", "b-1", "b-2");
            assertThat(consumer.message("b-1").getTopic()).isEqualTo(topic);
            assertThat(consumer.message("b-1").getBrokerName()).isEqualTo("broker-a");
            assertThat(consumer.consumer().getConsumerGroup()).isEqualTo("recording-bodies-g");
        }
    }

    @Test
    void labelsByMessageIdAndRunsTheHookFirst(EmbeddedRocketMq mq) throws Exception {
        String topic = "recording-ids";
        mq.createTopic(topic);
        List<String> ids = send(mq, topic, "i-0", "i-1");
        List<String> hooked = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), "recording-ids-g", topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID)
                .onMessage(m -> hooked.add(new String(m.getBody(), StandardCharsets.UTF_8)))
                .configure(c -> c.setConsumeMessageBatchMaxSize(1))
                .start()) {
            assertThat(consumer.awaitLabels(ids, PATIENCE)).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(hooked).containsExactlyInAnyOrder("i-0", "i-1");
            assertThat(consumer.consumer().getConsumeMessageBatchMaxSize()).isEqualTo(1);
        }
    }

    @Test
    void closingWaitsForMessagesBeingHandledAndStoresTheirOffsets(EmbeddedRocketMq mq) throws Exception {
        String topic = "recording-close";
        String group = "recording-close-g";
        mq.createTopic(topic, 1);
        send(mq, topic, "slow", "c-1", "c-2", "c-3", "c-4");

        RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .onMessage(m -> {
                    if (new String(m.getBody(), StandardCharsets.UTF_8).equals("slow")) {
                        sleep(2_000); // still being handled when the test closes the consumer
                    }
                })
                .configure(c -> c.setConsumeMessageBatchMaxSize(1))
                .start();
        consumer.awaitLabels(List.of("c-1", "c-2", "c-3", "c-4"), PATIENCE);
        assertThat(consumer.deliveries("slow")).isZero();
        consumer.close();

        assertThat(consumer.deliveries("slow")).as("close waited for it").isEqualTo(1);
        // The consumer sends its offsets one-way: the broker has them a moment after close returns.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committed(mq, group, topic) == 5);
    }

    private static long committed(EmbeddedRocketMq mq, String group, String topic) {
        Map<Integer, Long> offsets = mq.brokers().get(0).controller().getConsumerOffsetManager()
                .queryOffset(group, topic);
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWaitThatRunsOutSaysWhatItWaitedFor(EmbeddedRocketMq mq) {
        String topic = "recording-timeout";
        mq.createTopic(topic);
        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), "recording-timeout-g",
                topic)) {
            assertThatThrownBy(() -> consumer.awaitLabels(Set.of("absent"), Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Timed out after PT0.3S waiting for the messages [absent] on group "
                            + "recording-timeout-g; received 0 distinct, 0 deliveries");
            assertThatThrownBy(() -> consumer.awaitCount(1, Duration.ofMillis(100)))
                    .hasMessageStartingWith("Timed out after PT0.1S waiting for 1 distinct messages");
        }
    }

    @Test
    void aConsumerThatCannotStartIsNamed(EmbeddedRocketMq mq) {
        assertThatThrownBy(() -> RecordingConsumer.start(mq.nameServerAddress(), "bad group!", "recording-bad"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start a recording consumer of group bad group! on topic recording-bad");
    }

    private static List<String> send(EmbeddedRocketMq mq, String topic, String... bodies) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("recording-producer-" + UUID.randomUUID());
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        List<String> ids = new ArrayList<>();
        try {
            for (String body : bodies) {
                ids.add(producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8))).getMsgId());
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        return ids;
    }
}
