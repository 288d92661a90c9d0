package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TwoBrokerTopicTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();

    @Test
    void aTopicWhoseQueuesSpanBothBrokersCarriesMessagesThroughBoth(EmbeddedRocketMq mq) throws Exception {
        assertThat(mq.brokers()).extracting(EmbeddedBroker::name).containsExactly("broker-a", "broker-b");
        String topic = "spanning-topic";
        mq.createTopic(topic, 4);

        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        Set<MessageQueue> queues = new HashSet<>(producer.fetchPublishMessageQueues(topic));
        assertThat(queues).hasSize(8);
        assertThat(queues).extracting(MessageQueue::getBrokerName).containsOnly("broker-a", "broker-b");

        Set<String> sentThrough = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            SendResult result = producer.send(new Message(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8)));
            sentThrough.add(result.getMessageQueue().getBrokerName());
        }
        TestClients.shutDownInBackground(producer);
        assertThat(sentThrough).containsExactlyInAnyOrder("broker-a", "broker-b");

        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), "spanning-group", topic)) {
            consumer.awaitCount(40, Duration.ofSeconds(60));
            assertThat(consumer.labels()).hasSize(40).contains("m-0", "m-39");
            assertThat(consumer.labels().stream().map(body -> consumer.message(body).getBrokerName())
                    .collect(Collectors.toSet())).containsExactlyInAnyOrder("broker-a", "broker-b");
        }
    }

    @Test
    void aTopicCanBeKeptOnOneBrokerAndAnUnknownBrokerIsNamed(EmbeddedRocketMq mq) throws Exception {
        mq.createTopicOn("broker-a", "one-broker-topic", 2);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            assertThat(producer.fetchPublishMessageQueues("one-broker-topic")).hasSize(2)
                    .extracting(MessageQueue::getBrokerName).containsOnly("broker-a");
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        assertThatThrownBy(() -> mq.createTopicOn("broker-z", "one-broker-topic", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No broker named 'broker-z'; running: [broker-a, broker-b]");
        assertThatThrownBy(() -> mq.createTopicOn("broker-a", "one-broker-topic", 0))
                .hasMessageContaining("at least 1 queue");
    }

    @Test
    void aReadOnlyTopicIsRoutedToEveryBrokerAndRefusesMessages(EmbeddedRocketMq mq) throws Exception {
        mq.createReadOnlyTopic("read-only-topic");
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            assertThat(producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl()
                    .getTopicRouteInfoFromNameServer("read-only-topic", 5_000).getQueueDatas())
                    .extracting(q -> q.getBrokerName() + ":" + q.getPerm())
                    .containsExactlyInAnyOrder("broker-a:" + PermName.PERM_READ, "broker-b:" + PermName.PERM_READ);
            assertThatThrownBy(() -> producer.send(new Message("read-only-topic",
                    "x".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(MQClientException.class);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        assertThatThrownBy(() -> mq.createReadOnlyTopic(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Topic name is empty");
    }
}
