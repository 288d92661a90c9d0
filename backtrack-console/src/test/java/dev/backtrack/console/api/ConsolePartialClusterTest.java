package dev.backtrack.console.api;

import static dev.backtrack.console.ConsoleClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.ConsoleClient;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a broker that held queues of the topic gone, the console's plan preview warns and its rewind is refused (409)
 * with nothing changed. A cluster of its own: the test stops a broker.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePartialClusterTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);

    private static final String TOPIC = "console-partial";
    private static final String GROUP = "console-partial-group";
    private static final String JOURNAL = "console-partial-journal";

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.console(registry, MQ, () -> JOURNAL, "operator", "op-secret");
    }

    @LocalServerPort
    int port;

    @Test
    void aRewindThatWouldMissABrokerIsRefusedAndThePlanSaysSo() throws Exception {
        MQ.rocketMq().createTopic(TOPIC, 1);
        // the journal on the broker that stays (entries on a broker that is down cannot be read)
        MQ.rocketMq().createTopicOn("broker-a", JOURNAL, 1);
        ConsoleClient operator = new ConsoleClient("http://localhost:" + port + "/backtrack-console");
        assertThat(operator.login("operator", "op-secret").statusCode()).isEqualTo(302);
        String request = "{\"group\":\"" + GROUP + "\",\"topic\":\"" + TOPIC + "\",\"to\":\"-1h\",\"confirm\":\""
                + GROUP + "\"}";
        HttpResponse<String> first = operator.post("/api/rewind", request);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("queues")).hasSize(2); // one queue on each broker, recorded in the journal
        consumedTwoMessagesOnBrokerA();
        Map<MessageQueue, Long> before = committed();
        assertThat(before).containsEntry(new MessageQueue(TOPIC, "broker-a", 0), 2L);

        MQ.rocketMq().stopBroker("broker-b");
        before.keySet().removeIf(queue -> queue.getBrokerName().equals("broker-b"));

        JsonNode plan = json(operator.post("/api/plan", request));
        assertThat(plan.get("queues")).hasSize(1);
        assertThat(plan.get("warnings").toString()).contains("broker-b");
        HttpResponse<String> refused = operator.post("/api/rewind", request);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("error").asText()).contains("broker-b").contains("Nothing was changed");
        assertThat(committed()).as("broker-a's offset did not move").isEqualTo(before);
        assertThat(json(operator.get("/api/history?group=" + GROUP))).hasSize(1);
    }

    /** Two messages on broker-a's queue, consumed by the group (its offset there 2: a rewind would move it). */
    private static void consumedTwoMessagesOnBrokerA() throws Exception {
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 0);
        DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
        try {
            producer.send(new Message(TOPIC, "one".getBytes(StandardCharsets.UTF_8)), queue);
            producer.send(new Message(TOPIC, "two".getBytes(StandardCharsets.UTF_8)), queue);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            String address = MQ.rocketMq().brokers().get(0).address();
            admin.writeOffset(address, GROUP, queue, 2);
        }
    }

    /** The group's committed offsets on the brokers still running. */
    private static Map<MessageQueue, Long> committed() {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            for (QueueAddress queue : admin.queues(TOPIC)) {
                offsets.put(queue.queue(), admin.committedOffset(queue.brokerAddress(), GROUP, queue.queue()));
            }
        }
        return offsets;
    }
}
