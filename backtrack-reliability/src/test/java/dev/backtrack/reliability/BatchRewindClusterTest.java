package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.TopicContents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * Batch rewinds on the two-broker cluster in processes, through the CLI as an operator runs them: every group of a
 * topic moved to one instant, and one group moved on each of its topics. Every queue (two on each broker) is read back
 * where the stored messages say it must be: the first message stored at or after the instant; {@code undo BATCH} puts
 * every queue back; and a consumer of each group, started after the batch, receives exactly the messages stored at or
 * after the instant, each once (a plain producer's ids: none lost, none extra, none twice).
 */
class BatchRewindClusterTest extends ClusterScenario {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyGroupOfATopicMovesToTheInstantIsUndoneAsOneAndReceivesExactlyTheMessagesFromIt() throws Exception {
        String topic = unique("batch-groups");
        cluster.createTopic(topic, 2);
        MessageLedger ledger = sentInTwoHalves(topic, 40);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(unique("batch-group-" + i));
            consumedEverything(groups.get(i), topic);
        }
        long t = ledger.storeTime(ledger.id(20)); // the second half's first: every queue has messages before it
        Map<MessageQueue, Long> targets = targets(topic, t);
        Map<MessageQueue, Long> ends = ends(topic);

        JsonNode first = moved(Rewinds.cli(List.of("rewind", "-n", cluster.nameServer(), "--all-groups", "-t", topic,
                "--to", Long.toString(t), "--yes", "--json", "--timeout", "10s")), groups.size());
        for (String group : groups) {
            assertThat(committed(group, topic)).as("group %s after the batch", group).isEqualTo(targets);
        }

        Rewinds.Answer undo = Rewinds.cli(List.of("undo", first.get("batch").asText(), "-n", cluster.nameServer(),
                "--yes", "--json"));
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(undo.json().get("entries")).hasSize(groups.size())
                .allSatisfy(entry -> assertThat(entry.get("status").asText()).isEqualTo("MOVED"));
        for (String group : groups) {
            assertThat(committed(group, topic)).as("group %s after the undo of the batch", group).isEqualTo(ends);
        }

        moved(Rewinds.cli(List.of("rewind", "-n", cluster.nameServer(), "--all-groups", "-t", topic, "--to",
                Long.toString(t), "--yes", "--json", "--timeout", "10s")), groups.size());
        Set<String> expected = ledger.ids().stream().filter(id -> ledger.storeTime(id) >= t)
                .collect(Collectors.toSet());
        assertThat(expected).as("the second half, stored at or after the instant").hasSize(20);
        for (String group : groups) {
            try (RecordingConsumer consumer = RecordingConsumer.on(cluster.nameServer(), group, topic)
                    .labelledBy(MessageExt::getKeys).start()) {
                Set<String> received = consumer.awaitLabels(expected, WAIT);
                assertThat(received).as("group %s: replayed that should not be", group).isEqualTo(expected);
                assertThat(consumer.deliveries()).as("group %s: delivered more than once", group)
                        .isEqualTo(expected.size());
            }
        }
    }

    @Test
    void oneGroupMovesOnEachOfItsThreeTopicsToTheInstant() throws Exception {
        String group = unique("batch-topics-group");
        List<String> topics = new ArrayList<>();
        List<MessageLedger> ledgers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            topics.add(unique("batch-topic-" + i));
            cluster.createTopic(topics.get(i), 2);
            if (i == 2) {
                long last = ledgers.stream().flatMap(l -> l.ids().stream().map(l::storeTime)).max(Long::compare)
                        .orElseThrow();
                awaitTrue("the clock passes the other topics' store times", WAIT,
                        () -> System.currentTimeMillis() > last);
            }
            ledgers.add(MessageLedger.sentInBulk(cluster.nameServer(), topics.get(i), 16));
            consumedEverything(group, topics.get(i));
        }
        long t = ledgers.get(2).storeTime(ledgers.get(2).id(8)); // the last topic's middle: the others keep nothing
        JsonNode moved = moved(Rewinds.cli(List.of("rewind", "-n", cluster.nameServer(), "--all-topics", "-g", group,
                "--to", Long.toString(t), "--yes", "--json", "--timeout", "10s")), topics.size());
        assertThat(moved.get("pairs").findValuesAsText("topic")).containsExactlyInAnyOrderElementsOf(topics);
        for (String topic : topics) {
            assertThat(committed(group, topic)).as("topic %s", topic).isEqualTo(targets(topic, t));
        }
        assertThat(committed(group, topics.get(0))).as("stored before the instant: nothing to replay")
                .isEqualTo(ends(topics.get(0)));
    }

    /**
     * {@code count} messages sent in two halves, the second once the clock has passed the first's store times, so
     * that the second half's first store time splits them.
     */
    private static MessageLedger sentInTwoHalves(String topic, int count) throws Exception {
        MessageLedger ledger = new MessageLedger(topic);
        try (LedgerProducer producer = new LedgerProducer(cluster.nameServer(), ledger)) {
            producer.sendBulk(count / 2);
            ledger.readStoreTimes(cluster.nameServer());
            long last = ledger.ids().stream().mapToLong(ledger::storeTime).max().orElseThrow();
            awaitTrue("the clock passes the first half's store times", WAIT, () -> System.currentTimeMillis() > last);
            producer.sendBulk(count - count / 2);
        }
        ledger.readStoreTimes(cluster.nameServer());
        return ledger;
    }

    /** The CLI's batch answer, after checking it moved each of {@code pairs} pairs. */
    private static JsonNode moved(Rewinds.Answer answer, int pairs) {
        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        JsonNode json = answer.json();
        assertThat(json.get("batch").asText()).isNotBlank();
        assertThat(json.get("pairs")).hasSize(pairs)
                .allSatisfy(pair -> assertThat(pair.get("status").asText()).isEqualTo("MOVED"));
        return json;
    }

    /** An offline group that has consumed everything on the topic (its offsets at each queue's end). */
    private static void consumedEverything(String group, String topic) {
        RocketMqAdmin admin = cluster.admin();
        for (QueueAddress queue : admin.queues(topic)) {
            admin.ensureGroup(queue.brokerAddress(), group);
            admin.writeOffset(queue.brokerAddress(), group, queue.queue(),
                    admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
    }

    private static Map<MessageQueue, Long> committed(String group, String topic) {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        RocketMqAdmin admin = cluster.admin();
        for (QueueAddress queue : admin.queues(topic)) {
            offsets.put(queue.queue(), admin.committedOffset(queue.brokerAddress(), group, queue.queue()));
        }
        return offsets;
    }

    private static Map<MessageQueue, Long> ends(String topic) {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        RocketMqAdmin admin = cluster.admin();
        for (QueueAddress queue : admin.queues(topic)) {
            offsets.put(queue.queue(), admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
        return offsets;
    }

    /**
     * Where each queue of {@code topic} must be after a rewind to {@code t}, from what it stores: the offset of its
     * first message stored at or after {@code t}, or its end when it stores none.
     */
    @SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, with no rebalancing or seeking
    private static Map<MessageQueue, Long> targets(String topic, long t) throws Exception {
        Map<MessageQueue, Long> targets = ends(topic);
        DefaultMQPullConsumer reader = TestClients.sizedForLoad(new DefaultMQPullConsumer("batch-reader-"
                + UUID.randomUUID()));
        reader.setNamesrvAddr(cluster.nameServer());
        reader.start();
        try {
            TopicContents.forEachStored(reader, topic, message -> {
                if (message.getStoreTimestamp() >= t) {
                    targets.merge(new MessageQueue(topic, message.getBrokerName(), message.getQueueId()),
                            message.getQueueOffset(), Math::min);
                }
            });
        } finally {
            reader.shutdown();
        }
        return targets;
    }
}
