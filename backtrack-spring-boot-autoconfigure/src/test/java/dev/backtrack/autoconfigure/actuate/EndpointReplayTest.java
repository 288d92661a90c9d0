package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** {@code POST /actuator/backtrack/replay}: dry run, replay recorded with the user, refusal of a second one, bad input. */
class EndpointReplayTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aDryRunThenAReplayThenARefusedSecondReplayAndWrongValues(EmbeddedRocketMq mq) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "endpoint-window-" + id;
        String group = "endpoint-window-group-" + id;
        String journal = "ENDPOINT_WINDOW_JOURNAL_" + id;
        mq.createTopic(topic, 1);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        }
        ConsumerBinding binding = new ConsumerBinding("input", topic, group, null, null, mq.nameServerAddress(),
                null, null);
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint(journal, binding);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic).start()) {
            SendResult first = producer.send(new Message(topic, "t", "w-0".getBytes(StandardCharsets.UTF_8)));
            producer.send(new Message(topic, "t", "w-1".getBytes(StandardCharsets.UTF_8)));
            consumer.awaitLabels(List.of("w-0", "w-1"), PATIENCE);
            long from = consumer.message("w-0").getStoreTimestamp();
            long until = consumer.message("w-1").getStoreTimestamp() + 1;
            assertThat(first.getMsgId()).isEqualTo(consumer.message("w-0").getMsgId());

            WebEndpointResponse<Object> dry = endpoint.replay(OPERATOR, "replay", "input", null, null,
                    Long.toString(from), Long.toString(until), null, null, null);
            assertThat(dry.getStatus()).as(String.valueOf(dry.getBody())).isEqualTo(200);
            assertThat(body(dry)).containsEntry("dryRun", true).containsEntry("messagesToReplay", 2L);

            WebEndpointResponse<Object> done = endpoint.replay(OPERATOR, "replay", "input", null, null,
                    Long.toString(from), Long.toString(until), null, "false", null);
            assertThat(done.getStatus()).as(String.valueOf(done.getBody())).isEqualTo(200);
            assertThat(body(done)).containsEntry("replayed", 2L);
            consumer.await(() -> consumer.deliveries("w-0") == 2 && consumer.deliveries("w-1") == 2, PATIENCE,
                    "the window once more");

            WebEndpointResponse<Object> twice = endpoint.replay(OPERATOR, "replay", "input", null, null,
                    Long.toString(from), Long.toString(until), null, "false", null);
            assertThat(twice.getStatus()).isEqualTo(409);
            assertThat((String) body(twice).get("error")).contains("already").contains("by operator")
                    .contains("\"again\": true");
            WebEndpointResponse<Object> history = endpoint.history(OPERATOR, "history");
            assertThat(String.valueOf(body(history).get("entries"))).contains("WINDOW_REPLAY").contains("operator");

            assertThat(endpoint.replay(OPERATOR, "replay", "input", null, null, Long.toString(until),
                    Long.toString(from), null, null, null).getStatus()).isEqualTo(400);
            assertThat(endpoint.replay(OPERATOR, "replay", "input", null, null, "soon", Long.toString(from), null,
                    null, null).getStatus()).isEqualTo(400);
            WebEndpointResponse<Object> maybeDry = endpoint.replay(OPERATOR, "replay", "input", null, null,
                    Long.toString(from), Long.toString(until), null, "maybe", null);
            assertThat(maybeDry.getStatus()).isEqualTo(400);
            assertThat(body(maybeDry).get("error")).isEqualTo("Field 'dryRun' is 'maybe'; accepted: true (the "
                    + "default: only show the plan) or false (replay the window)");
            WebEndpointResponse<Object> maybeAgain = endpoint.replay(OPERATOR, "replay", "input", null, null,
                    Long.toString(from), Long.toString(until), null, "false", "twice");
            assertThat(maybeAgain.getStatus()).isEqualTo(400);
            assertThat(body(maybeAgain).get("error")).isEqualTo("Field 'again' is 'twice'; accepted: false (the "
                    + "default: refuse messages replayed to the group before) or true (replay them again)");
            assertThat(endpoint.replay(OPERATOR, "replay", null, group, "no-such-" + topic, Long.toString(from),
                    Long.toString(until), "*", null, null).getStatus()).isEqualTo(404);
            assertThat(endpoint.replay(OPERATOR, "rewind", "input", null, null, Long.toString(from),
                    Long.toString(until), null, null, null).getStatus()).isEqualTo(404);
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }
}
