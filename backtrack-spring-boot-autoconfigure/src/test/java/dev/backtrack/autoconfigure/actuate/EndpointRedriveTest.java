package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code POST /actuator/backtrack/redrive} on a real broker, with a ledger of the ids a plain producer sent: dry run,
 * redrive recorded with the user, the dead letters delivered once each, 409 for a second one unless again, only for
 * the role, wrong values.
 */
class EndpointRedriveTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void aDryRunThenARedriveThenARefusedSecondAndWrongValues() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "endpoint-redrive-" + id;
        String group = "endpoint-redrive-group-" + id;
        MQ.rocketMq().createTopic(topic, 1);
        List<String> ids = new ArrayList<>();
        DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
        try {
            for (int i = 0; i < 4; i++) {
                ids.add(producer.send(new Message(topic, "t", "order-" + i,
                        ("order " + i).getBytes(StandardCharsets.UTF_8))).getMsgId());
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        Set<String> dead = Set.of(ids.get(1), ids.get(3));
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
        }
        ConsumerBinding binding = new ConsumerBinding("input", topic, group, null, null, MQ.nameServerAddress(),
                null, null);
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("ENDPOINT_REDRIVE_JOURNAL_" + id, binding);
        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            WebEndpointResponse<Object> dry = endpoint.redrive(OPERATOR, "input", null, null, null, null, null, null,
                    null, null);
            assertThat(dry.getStatus()).as(String.valueOf(dry.getBody())).isEqualTo(200);
            assertThat(body(dry)).containsEntry("dryRun", true).containsEntry("deadLettersToSend", 2L)
                    .containsEntry("deadLetterTopic", "%DLQ%" + group)
                    .containsEntry("byTopicAndTag", Map.of(topic, Map.of("t", 2L)));

            assertThat(endpoint.redrive(EndpointTestSupport.withoutRole(null), "input", null, null, null, null, null,
                    null, "false", null).getStatus()).as("anonymous").isEqualTo(401);
            assertThat(endpoint.redrive(EndpointTestSupport.withoutRole("viewer"), "input", null, null, null, null,
                    null, null, "false", null).getStatus()).as("without the role").isEqualTo(403);

            WebEndpointResponse<Object> done = endpoint.redrive(OPERATOR, null, group, null, null, null, null, null,
                    "false", null);
            assertThat(done.getStatus()).as(String.valueOf(done.getBody())).isEqualTo(200);
            assertThat(body(done)).containsEntry("redriven", 2L);
            fixed.awaitLabels(dead, PATIENCE);
            fixed.await(() -> fixed.deliveries() >= 2, PATIENCE, "the two dead letters");
            assertThat(fixed.deliveryCounts()).as("the dead letters once each, nothing else")
                    .isEqualTo(Map.of(ids.get(1), 1, ids.get(3), 1));

            WebEndpointResponse<Object> twice = endpoint.redrive(OPERATOR, "input", null, null, null, null, null,
                    null, "false", null);
            assertThat(twice.getStatus()).isEqualTo(409);
            assertThat((String) body(twice).get("error")).contains("redriven to group " + group + " already")
                    .contains("by operator").contains("\"again\": true");
            WebEndpointResponse<Object> again = endpoint.redrive(OPERATOR, "input", null, null, null, null,
                    "order-3", null, "false", "true");
            assertThat(again.getStatus()).as(String.valueOf(again.getBody())).isEqualTo(200);
            assertThat(body(again)).containsEntry("redriven", 1L);
            fixed.await(() -> fixed.deliveries(ids.get(3)) == 2, PATIENCE, "order-3 once more");
            assertThat(fixed.deliveries()).isEqualTo(3);
            assertThat(String.valueOf(body(endpoint.history(OPERATOR, "history")).get("entries")))
                    .contains("REDRIVE").contains("operator");

            assertBadRequest(endpoint.redrive(OPERATOR, "input", null, null, null, null, null, "amount >", null,
                    null), "accepted: RocketMQ's SQL92");
            assertBadRequest(endpoint.redrive(OPERATOR, "input", null, null, null, null, "a b", null, null, null),
                    "none with a space");
            assertBadRequest(endpoint.redrive(OPERATOR, "input", null, "soon", null, null, null, null, null, null),
                    "'soon'");
            assertBadRequest(endpoint.redrive(OPERATOR, "input", null, null, null, null, null, null, "maybe", null),
                    "Field 'dryRun' is 'maybe'; accepted: true (the default: only show the plan) or false (redrive "
                            + "the dead letters)");
            assertBadRequest(endpoint.redrive(OPERATOR, null, "never-failed-" + id, null, null, null, null, null,
                    null, null), "Group 'never-failed-" + id + "' has no dead letters");
            assertBadRequest(endpoint.redrive(OPERATOR, null, null, null, null, null, null, null, null, null),
                    "Give 'binding' (one of [input]) or 'group'");
            assertBadRequest(endpoint.operation(OPERATOR, "redrive", "input", null, null, null, null, null, "false",
                    "true", null, null, null, "0", null, null),
                    "Rate '0' is not accepted; accepted: a number of messages above 0");
            assertBadRequest(endpoint.operation(OPERATOR, "replay", "input", null, null, "-1h", "now", null, "false",
                    "true", null, null, null, "fast", null, null), "Rate 'fast' is not accepted");
            assertThat(fixed.deliveries()).as("nothing sent by refused requests").isEqualTo(3);
        }
    }

    private static void assertBadRequest(WebEndpointResponse<Object> response, String text) {
        assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(400);
        assertThat((String) body(response).get("error")).contains(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }
}
