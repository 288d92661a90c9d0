package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin operations the coverage check and the claim queue use, on a real broker. */
class RocketMqAdminOperationsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void registeredMastersTopicsHeldAndTopicsCreatedOnOneBroker(EmbeddedRocketMq mq) {
        String address = mq.brokerAddresses().get(0);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            assertThat(admin.registeredMasters()).isEqualTo(Map.of("broker-a", address));
            assertThat(admin.holdsTopic(address, "ops-missing")).isFalse();

            admin.createTopic(address, new TopicConfig("ops-read-only", 2, 2, PermName.PERM_READ));
            assertThat(admin.holdsTopic(address, "ops-read-only")).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.route("ops-read-only")
                    .getQueueDatas()).singleElement().satisfies(q -> {
                        assertThat(q.getPerm()).isEqualTo(PermName.PERM_READ);
                        assertThat(q.getReadQueueNums()).isEqualTo(2);
                    }));
        }
    }

    @Test
    void requestsOverEveryQueueAnswerWhatTheRequestsPerQueueAnswer(EmbeddedRocketMq mq) throws Exception {
        String topic = "ops-batch";
        String group = "ops-batch-group";
        mq.createTopic(topic, 4);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            for (int queueId = 0; queueId < 3; queueId++) {
                for (int i = 0; i <= queueId; i++) {
                    producer.send(new Message(topic, ("m" + i).getBytes(StandardCharsets.UTF_8)),
                            new MessageQueue(topic, "broker-a", queueId));
                }
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            List<QueueAddress> queues = admin.queues(topic);
            String address = queues.get(0).brokerAddress();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.maxOffset(address, queues.get(2).queue()) == 3);
            admin.ensureGroup(address, group);
            admin.writeOffset(address, group, queues.get(0).queue(), 0); // 0, not "none": the statistics show both as 0
            admin.writeOffset(address, group, queues.get(2).queue(), 2);
            Map<QueueAddress, Long> firstMessages = new LinkedHashMap<>();
            queues.forEach(q -> firstMessages.put(q, 0L));

            Map<MessageQueue, OffsetRange> ranges = admin.offsetRanges(queues);
            Map<MessageQueue, Long> committed = admin.committedOffsets(group, queues);
            Map<MessageQueue, Long> searched = admin.searchOffsets(queues.subList(0, 3), System.currentTimeMillis());
            Map<MessageQueue, Long> storeTimes = admin.storeTimestampsAt(firstMessages);
            for (QueueAddress q : queues) {
                MessageQueue queue = q.queue();
                assertThat(ranges.get(queue)).isEqualTo(new OffsetRange(admin.minOffset(address, queue),
                        admin.maxOffset(address, queue)));
                assertThat(committed.get(queue)).isEqualTo(admin.committedOffset(address, group, queue));
                assertThat(storeTimes.get(queue)).isEqualTo(admin.storeTimestampAt(address, queue, 0));
            }
            for (QueueAddress q : queues.subList(0, 3)) {
                assertThat(searched.get(q.queue())).isEqualTo(admin.searchOffset(address, q.queue(),
                        System.currentTimeMillis()));
            }
            assertThat(ranges.get(queues.get(2).queue())).isEqualTo(new OffsetRange(0, 3));
            assertThat(committed).containsOnlyKeys(queues.get(0).queue(), queues.get(2).queue())
                    .containsEntry(queues.get(0).queue(), 0L).containsEntry(queues.get(2).queue(), 2L);
            assertThat(storeTimes).doesNotContainKey(queues.get(3).queue()).hasSize(3);

            admin.writeOffsets(group, Map.of(queues.get(1), 1L, queues.get(3), 0L));
            assertThat(admin.committedOffsets(group, queues)).containsExactly(Map.entry(queues.get(0).queue(), 0L),
                    Map.entry(queues.get(1).queue(), 1L), Map.entry(queues.get(2).queue(), 2L),
                    Map.entry(queues.get(3).queue(), 0L));
        }
    }

    /**
     * A broker creates a group's table of offsets on a topic at the first write without a lock, so that first writes
     * arriving together lose all but one (each answered as a success): the writes of groups that never committed on
     * the topic, side by side, all hold.
     */
    @Test
    void theFirstOffsetsOfNewGroupsWrittenSideBySideAllHold(EmbeddedRocketMq mq) throws Exception {
        String topic = "ops-first-writes";
        mq.createTopic(topic, 16);
        TestClients.send(mq.nameServerAddress(), topic, "f-", 32);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            List<QueueAddress> queues = admin.queues(topic);
            await().atMost(Duration.ofSeconds(30)).until(() -> queues.stream()
                    .mapToLong(q -> admin.maxOffset(q.brokerAddress(), q.queue())).sum() == 32);
            Map<QueueAddress, Long> targets = new LinkedHashMap<>();
            queues.forEach(q -> targets.put(q, admin.maxOffset(q.brokerAddress(), q.queue())));
            for (int i = 0; i < 100; i++) {
                String group = "ops-first-writes-" + i;
                admin.ensureGroup(queues.get(0).brokerAddress(), group);
                admin.writeOffsets(group, targets);
                for (QueueAddress q : queues) {
                    assertThat(admin.committedOffset(q.brokerAddress(), group, q.queue()))
                            .as("group %s, queue %s", group, q.queue().getQueueId()).isEqualTo(targets.get(q));
                }
            }
        }
    }
}
