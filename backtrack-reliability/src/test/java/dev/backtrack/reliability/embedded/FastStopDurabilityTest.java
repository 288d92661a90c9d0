package dev.backtrack.reliability.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.test.TopicContents;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.config.StorePathConfigHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast stop loses nothing: messages sent and offsets committed just before {@link EmbeddedRocketMq#stop()} (before
 * the brokers' own periodic flush and offset persistence) are all there when a cluster starts again at once, in the
 * same JVM, on the same ports and store.
 */
class FastStopDurabilityTest {

    private static final int QUEUES = 4;
    private static final int MESSAGES = 400;

    @TempDir
    Path store;

    @Test
    void messagesAndOffsetsCommittedJustBeforeAStopSurviveARestartOnTheSameStore() throws Exception {
        // Any free ports, chosen at each start (the restart needs the same store, not the same ports): ports probed
        // here and bound later could be taken in between by another test JVM.
        EmbeddedRocketMqConfig config = EmbeddedRocketMqConfig.builder(store).brokerCount(2)
                .commitLogFileSize(4 * 1024 * 1024).build();
        String topic = "fast-stop-" + UUID.randomUUID();
        String group = "fast-stop-group-" + UUID.randomUUID();
        Set<String> sent = new HashSet<>();
        Map<String, Long> committed = new HashMap<>();

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        try {
            first.createTopic(topic, QUEUES);
            DefaultMQProducer producer = TestClients.producer(first.nameServerAddress());
            try {
                List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
                for (int i = 0; i < MESSAGES; i++) {
                    String id = "m-" + i;
                    SendResult result = producer.send(new Message(topic, id.getBytes(StandardCharsets.UTF_8)),
                            queues.get(i % queues.size()));
                    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    sent.add(id);
                }
            } finally {
                producer.shutdown();
            }
            // As a consumer's offset commit does: in the broker's memory only, persisted by the broker every 5 s.
            for (EmbeddedBroker broker : first.brokers()) {
                for (int queueId = 0; queueId < QUEUES; queueId++) {
                    long offset = 1 + queueId * 7L;
                    broker.controller().getConsumerOffsetManager().commitOffset("test", group, topic, queueId, offset);
                    committed.put(broker.name() + "/" + queueId, offset);
                }
            }
        } finally {
            first.stop();
        }
        for (String broker : List.of("broker-a", "broker-b")) {
            assertThat(Files.exists(Path.of(StorePathConfigHelper.getAbortFile(store.resolve(broker).toString()))))
                    .as("%s's store was closed cleanly (no abort file: no recovery at the next start)", broker)
                    .isFalse();
        }

        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try {
            Map<String, Long> committedAfter = new HashMap<>();
            for (EmbeddedBroker broker : second.brokers()) {
                broker.controller().getConsumerOffsetManager().queryOffset(group, topic)
                        .forEach((queueId, offset) -> committedAfter.put(broker.name() + "/" + queueId, offset));
            }
            assertThat(committedAfter).as("committed offsets after the restart").isEqualTo(committed);
            List<String> read = readAll(second.nameServerAddress(), topic);
            Set<String> lost = new HashSet<>(sent);
            read.forEach(lost::remove);
            assertThat(lost).as("messages lost by the stop").isEmpty();
            assertThat(read).as("messages stored after the restart (duplicates would show here)").hasSize(MESSAGES);
        } finally {
            second.stop();
        }
    }

    /**
     * Timer messages (a delivery time, RocketMQ 5's timer wheel) sent just before a stop and due after it are delivered
     * once the cluster is back: the embedded broker forces the wheel to disk only every 30 s, and at its stop.
     */
    @Test
    void timerMessagesDueAfterAStopAreDeliveredAfterTheRestart() throws Exception {
        EmbeddedRocketMqConfig config = EmbeddedRocketMqConfig.builder(store).commitLogFileSize(4 * 1024 * 1024)
                .build();
        String topic = "fast-stop-timer-" + UUID.randomUUID();
        Set<String> sent = new HashSet<>();
        long due;

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        try {
            first.createTopic(topic, QUEUES);
            DefaultMQProducer producer = TestClients.producer(first.nameServerAddress());
            try {
                due = System.currentTimeMillis() + 10_000;
                for (int i = 0; i < 20; i++) {
                    Message message = new Message(topic, ("t-" + i).getBytes(StandardCharsets.UTF_8));
                    message.setDeliverTimeMs(due);
                    assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    sent.add("t-" + i);
                }
            } finally {
                producer.shutdown();
            }
            for (int queueId = 0; queueId < QUEUES; queueId++) {
                assertThat(first.brokers().get(0).controller().getMessageStore().getMaxOffsetInQueue(topic, queueId))
                        .as("nothing due yet in queue %d: the messages are on the timer wheel at the stop", queueId)
                        .isZero();
            }
        } finally {
            first.stop();
        }

        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try (RecordingConsumer consumer = RecordingConsumer.start(second.nameServerAddress(),
                "fast-stop-timer-group-" + UUID.randomUUID(), topic)) {
            consumer.awaitLabels(sent, Duration.ofSeconds(60));
            assertThat(consumer.labels()).as("each timer message delivered").isEqualTo(sent);
            for (String label : sent) {
                assertThat(consumer.message(label).getStoreTimestamp()).as("stored in its topic when due")
                        .isGreaterThanOrEqualTo(due - 100);
            }
        } finally {
            second.stop();
        }
    }

    @SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, with no rebalancing
    private static List<String> readAll(String nameServer, String topic) throws Exception {
        DefaultMQPullConsumer reader = new DefaultMQPullConsumer("fast-stop-reader-" + UUID.randomUUID());
        reader.setNamesrvAddr(nameServer);
        reader.setInstanceName(UUID.randomUUID().toString());
        reader.start();
        try {
            List<String> bodies = new ArrayList<>();
            TopicContents.forEachStored(reader, topic, message -> bodies.add(new String(message.getBody(), StandardCharsets.UTF_8)));
            return bodies;
        } finally {
            reader.shutdown();
        }
    }
}
