package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6: one of two brokers is down during a rewind. The rewind is refused naming it unless --allow-partial,
 * and a partial rewind says which queues moved and which broker did not.
 */
class PartialRewindCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "partial-orders";
    private static final String GROUP = "partial-billing";
    private static final String JOURNAL = "PARTIAL_JOURNAL";

    static CliRun run(String... args) {
        return CliRun.onJournal(MQ.nameServerAddress(), JOURNAL, args);
    }

    @Test
    void aRewindWithABrokerDownIsRefusedNamingItAndAPartialOneSaysWhatDidNotMove(EmbeddedRocketMq mq)
            throws Exception {
        mq.createTopic(TOPIC, 4);
        mq.createTopic(JOURNAL, 1); // the journal on both brokers: its entries keep a copy on the one that stays up
        long before = System.currentTimeMillis() - 1000;
        Map<String, Set<String>> sent = produce(mq, 40);
        assertThat(sent.get("broker-a")).hasSize(20);
        assertThat(sent.get("broker-b")).hasSize(20);

        // The group is at the end of every queue of both brokers; the journal records it.
        CliRun toEnd = run("rewind", "-g", GROUP, "-t", TOPIC, "--to", "now", "--yes");
        assertThat(toEnd.exit()).as(toEnd.err()).isZero();
        assertThat(toEnd.out()).contains("Verified on every broker");

        mq.stopBroker("broker-b");
        List<QueueOffsets> atEnd = offsets();
        assertThat(atEnd).hasSize(4).allSatisfy(q -> assertThat(q.committedOffset()).isEqualTo(5L));

        CliRun refused = run("rewind", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(before), "--yes");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("broker-b (held queues [0, 1, 2, 3] in the journal's REWIND")
                .contains("Only broker-a (4 queues) would move, 20 messages to replay")
                .contains("--allow-partial").contains("Nothing was changed");
        assertThat(offsets()).isEqualTo(atEnd);

        CliRun plan = run("plan", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(before));
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("WARNING: Partial rewind").contains("broker-b");
        JsonNode planJson = JSON.readTree(run("plan", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(before),
                "--json").out());
        assertThat(planJson.get("complete").asBoolean()).isFalse();
        assertThat(planJson.get("missingBrokers").get(0).get("broker").asText()).isEqualTo("broker-b");
        assertThat(planJson.get("queues")).hasSize(4);
        JsonNode dry = JSON.readTree(run("rewind", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(before),
                "--dry-run", "--json").out());
        assertThat(dry.get("partial").asBoolean()).isTrue();
        assertThat(dry.get("notMovedBrokers").get(0).get("broker").asText()).isEqualTo("broker-b");
        assertThat(offsets()).isEqualTo(atEnd);

        CliRun partial = run("rewind", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(before), "--yes",
                "--allow-partial");
        assertThat(partial.exit()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("Rewound PARTIALLY").doesNotContain("Verified on every broker")
                .contains("moved broker-a/0 5 -> 0 (read back 0)").contains("moved broker-a/3 5 -> 0 (read back 0)")
                .contains("NOT moved: broker broker-b");
        assertThat(offsets()).allSatisfy(q -> assertThat(q.committedOffset()).isZero());

        Set<String> replayed = consume(20);
        assertThat(replayed).isEqualTo(sent.get("broker-a"));
    }


    private static Map<String, Set<String>> produce(EmbeddedRocketMq mq, int count) throws Exception {
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        Map<String, Set<String>> byBroker = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                String body = "order-" + i;
                SendResult result = producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8)));
                byBroker.computeIfAbsent(result.getMessageQueue().getBrokerName(), b -> new HashSet<>()).add(body);
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        return byBroker;
    }

    private static List<QueueOffsets> offsets() {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            return new OffsetsReader(admin).read(GROUP, TOPIC);
        }
    }

    private static Set<String> consume(int expected) {
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), GROUP, TOPIC)
                .configure(c -> c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET)) // RocketMQ's default
                .start()) {
            Set<String> received = consumer.awaitCount(expected, Duration.ofSeconds(60));
            assertThat(consumer.deliveries()).as("each replayed message once").isEqualTo(expected);
            return received;
        }
    }
}
