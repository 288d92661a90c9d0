package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.LoopbackPorts;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRocketMqLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path store;

    @Test
    void startsAndStopsTwiceInOneJvmOnTheSamePorts() throws Exception {
        int nameServerPort = LoopbackPorts.anyFree();
        int brokerPort = LoopbackPorts.freeBrokerPort();
        EmbeddedRocketMqConfig config = EmbeddedRocketMqConfig.builder(store)
                .nameServerPort(nameServerPort).brokerPort(brokerPort).commitLogFileSize(4 * 1024 * 1024).build();

        for (int round = 1; round <= 2; round++) {
            EmbeddedRocketMq mq = new EmbeddedRocketMq(config).start();
            assertThat(mq.nameServerAddress()).isEqualTo("127.0.0.1:" + nameServerPort);
            assertThat(mq.brokerAddresses()).containsExactly("127.0.0.1:" + brokerPort);
            String topic = "lifecycle-" + round;
            mq.createTopic(topic);
            DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
            try {
                SendResult result = producer.send(new Message(topic, ("round " + round).getBytes(StandardCharsets.UTF_8)));
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            } finally {
                TestClients.shutDownInBackground(producer);
            }
            mq.stop();
            assertThat(mq.isRunning()).isFalse();
            assertThat(LoopbackPorts.isFree(nameServerPort)).as("name server port released").isTrue();
            assertThat(LoopbackPorts.isFree(brokerPort)).as("broker port released").isTrue();
            assertThat(LoopbackPorts.isFree(brokerPort - 2)).as("broker fast port released").isTrue();
            assertThat(LoopbackPorts.isFree(brokerPort + 1)).as("broker HA port released").isTrue();
        }
    }

    @Test
    void restartOverTheSameStoreKeepsMessagesAndConsumerOffsets() throws Exception {
        EmbeddedRocketMqConfig config = EmbeddedRocketMqConfig.builder(store).commitLogFileSize(4 * 1024 * 1024).build();
        String topic = "restart-topic";
        String group = "restart-group";

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        first.createTopic(topic, 2);
        DefaultMQProducer producer = TestClients.producer(first.nameServerAddress());
        for (int i = 0; i < 10; i++) {
            producer.send(new Message(topic, ("before-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        TestClients.shutDownInBackground(producer);
        RecordingConsumer consumer = RecordingConsumer.start(first.nameServerAddress(), group, topic);
        consumer.awaitCount(10, PATIENCE);
        consumer.close(); // persists the group's offsets on the broker
        long committedBefore = committedTotal(first, group, topic);
        assertThat(committedBefore).isEqualTo(10);
        first.stop();

        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try {
            assertThat(committedTotal(second, group, topic)).as("offsets survive the restart").isEqualTo(10);
            assertThat(maxOffsetTotal(second, topic)).as("messages survive the restart").isEqualTo(10);

            DefaultMQProducer again = TestClients.producer(second.nameServerAddress());
            again.send(new Message(topic, "after".getBytes(StandardCharsets.UTF_8)));
            again.shutdown();

            try (RecordingConsumer sameGroup = RecordingConsumer.start(second.nameServerAddress(), group, topic);
                    RecordingConsumer freshGroup = RecordingConsumer.start(second.nameServerAddress(), "fresh-group",
                            topic)) {
                freshGroup.awaitCount(11, PATIENCE);
                sameGroup.awaitLabels(List.of("after"), PATIENCE);
                assertThat(freshGroup.labels()).as("a new group reads the old messages from the store")
                        .hasSize(11).contains("before-0", "before-9", "after");
                assertThat(sameGroup.labels()).as("the old group resumes at its stored offsets")
                        .containsExactly("after");
            }
        } finally {
            second.stop();
        }
    }

    private static long committedTotal(EmbeddedRocketMq mq, String group, String topic) {
        long total = 0;
        for (EmbeddedBroker broker : mq.brokers()) {
            Map<Integer, Long> table = broker.controller().getConsumerOffsetManager()
                    .queryOffset(group, topic);
            total += table.values().stream().mapToLong(Long::longValue).sum();
        }
        return total;
    }

    private static long maxOffsetTotal(EmbeddedRocketMq mq, String topic) throws Exception {
        long total = 0;
        for (EmbeddedBroker broker : mq.brokers()) {
            for (int queueId = 0; queueId < 2; queueId++) {
                total += broker.controller().getMessageStore().getMaxOffsetInQueue(topic, queueId);
            }
        }
        return total;
    }

}
