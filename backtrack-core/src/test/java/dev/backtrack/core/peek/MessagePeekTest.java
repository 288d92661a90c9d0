package dev.backtrack.core.peek;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Peeking on a real two-broker cluster: the first messages at or after an instant, all queues merged in store-time
 * order, bodies exactly as stored (text or hex, cut at the limit), and no consumer group or offset left behind.
 */
class MessagePeekTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void returnsTheFirstMessagesAtOrAfterTheInstantMergedInStoreTimeOrder(EmbeddedRocketMq mq) throws Exception {
        String topic = "peek-" + UUID.randomUUID().toString().substring(0, 8);
        mq.createTopic(topic, 2);
        List<MessageQueue> queues = List.of(new MessageQueue(topic, "broker-a", 0),
                new MessageQueue(topic, "broker-a", 1), new MessageQueue(topic, "broker-b", 0),
                new MessageQueue(topic, "broker-b", 1));
        Set<String> groupsBefore = groups(mq);
        List<Stored> stored = new ArrayList<>(StoredMessages.send(mq, topic, queues, 60, "m-"));
        stored.sort(Comparator.comparingLong(Stored::storeTime).thenComparing(Stored::broker)
                .thenComparingInt(Stored::queueId).thenComparingLong(Stored::offset));
        long at = stored.get(10).storeTime();
        List<Stored> expected = stored.stream().filter(s -> s.storeTime() >= at).limit(25).toList();

        List<PeekedMessage> peeked = new MessagePeek(admin, 4096).peek(topic, at, 25);

        assertThat(peeked).extracting(PeekedMessage::body).extracting(PeekedBody::text)
                .containsExactlyElementsOf(expected.stream().map(Stored::body).toList());
        assertThat(peeked).extracting(p -> p.broker() + "/" + p.queueId() + "@" + p.offset())
                .containsExactlyElementsOf(expected.stream().map(s -> s.broker() + "/" + s.queueId() + "@"
                        + s.offset()).toList());
        assertThat(peeked).extracting(PeekedMessage::storeTime).isSorted().allMatch(t -> t >= at);
        assertThat(peeked).allMatch(p -> !p.msgId().isEmpty() && p.body().encoding() == BodyEncoding.TEXT);

        assertThat(groups(mq)).as("no consumer group was created").isEqualTo(groupsBefore);
        assertThat(offsetKeys(mq)).as("no offset was stored for the topic").noneMatch(k -> k.startsWith(topic + "@"));
    }

    @Test
    void bodiesComeBackExactlyAsTextOrHexAndLongOnesAreCut(EmbeddedRocketMq mq) throws Exception {
        String topic = "peek-body-" + UUID.randomUUID().toString().substring(0, 8);
        mq.createTopic(topic, 1);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        byte[] binary = {0, 1, 2, (byte) 0xff, 'a'};
        String markup = "<script>alert('x')</script> \"quoted\" & 漢字\n";
        String longText = "é".repeat(3000); // 6000 bytes, two a character
        DefaultMQProducer producer = StoredMessages.producer(mq.nameServerAddress());
        long before = System.currentTimeMillis() - 1;
        try {
            Message keyed = new Message(topic, "tagA", "key-1", markup.getBytes(StandardCharsets.UTF_8));
            producer.send(keyed, queue);
            producer.send(new Message(topic, binary), queue);
            producer.send(new Message(topic, longText.getBytes(StandardCharsets.UTF_8)), queue);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> new MessagePeek(admin, 4096).peek(topic, before, 10).size() == 3);

        List<PeekedMessage> peeked = new MessagePeek(admin, 4096).peek(topic, before, 10);

        assertThat(peeked.get(0).body()).isEqualTo(new PeekedBody(markup, BodyEncoding.TEXT, false));
        assertThat(peeked.get(0).keys()).isEqualTo("key-1");
        assertThat(peeked.get(0).tags()).isEqualTo("tagA");
        assertThat(peeked.get(1).body()).isEqualTo(new PeekedBody(HexFormat.of().formatHex(binary), BodyEncoding.HEX,
                false));
        assertThat(peeked.get(2).body().truncated()).isTrue();
        assertThat(peeked.get(2).body().text()).isEqualTo("é".repeat(2048));
    }

    private static Set<String> groups(EmbeddedRocketMq mq) {
        Set<String> groups = new HashSet<>();
        for (EmbeddedBroker broker : mq.brokers()) {
            groups.addAll(broker.controller().getSubscriptionGroupManager().getSubscriptionGroupTable().keySet());
        }
        return groups;
    }

    private static Set<String> offsetKeys(EmbeddedRocketMq mq) {
        Set<String> keys = new HashSet<>();
        for (EmbeddedBroker broker : mq.brokers()) {
            keys.addAll(broker.controller().getConsumerOffsetManager().getOffsetTable().keySet());
        }
        return keys;
    }
}
