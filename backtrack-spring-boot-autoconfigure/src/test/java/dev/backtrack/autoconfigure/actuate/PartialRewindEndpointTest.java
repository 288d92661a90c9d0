package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.MissingBroker;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** Scenario 6 through the endpoint: 409 naming the broker that is down, unless allowPartial. */
class PartialRewindEndpointTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final String TOPIC = "endpoint-partial";
    private static final String GROUP = "endpoint-partial-group";
    private static final String JOURNAL = "ENDPOINT_PARTIAL_JOURNAL";

    @Test
    @SuppressWarnings("unchecked")
    void aRewindWithABrokerDownIsRefusedWith409UnlessAllowPartial(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 2);
        mq.createTopicOn("broker-a", JOURNAL, 1); // the journal on a broker that stays up
        long before = System.currentTimeMillis() - 1000;
        produce(mq, 20);
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint(JOURNAL, new ConsumerBinding("input", TOPIC, GROUP,
                null, null, mq.nameServerAddress(), null, null));

        WebEndpointResponse<Object> toEnd = endpoint.rewind(OPERATOR, "input", null, null, "now", "false", null);
        assertThat(toEnd.getStatus()).as("%s", toEnd.getBody()).isEqualTo(200);
        assertThat((Boolean) body(toEnd).get("partial")).isFalse();

        mq.stopBroker("broker-b");
        List<QueueOffsets> atEnd = offsets(mq);
        assertThat(atEnd).hasSize(2).allSatisfy(q -> assertThat(q.committedOffset()).isEqualTo(5L));

        WebEndpointResponse<Object> refused = endpoint.rewind(OPERATOR, "input", null, null,
                Long.toString(before), "false", null);
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat((String) body(refused).get("error")).contains("broker-b (held queues [0, 1]")
                .contains("Only broker-a (2 queues) would move, 10 messages to replay")
                .contains("\"allowPartial\": true").contains("Nothing was changed");
        assertThat(offsets(mq)).isEqualTo(atEnd);

        WebEndpointResponse<Object> dry = endpoint.rewind(OPERATOR, "input", null, null, Long.toString(before),
                null, null);
        assertThat(dry.getStatus()).isEqualTo(200);
        assertThat((String) body(dry).get("warning")).contains("broker-b");

        WebEndpointResponse<Object> partial = endpoint.rewind(OPERATOR, "input", null, null, Long.toString(before),
                "false", "true");
        assertThat(partial.getStatus()).as("%s", partial.getBody()).isEqualTo(200);
        assertThat((Boolean) body(partial).get("partial")).isTrue();
        assertThat((List<MissingBroker>) body(partial).get("notMovedBrokers")).extracting(MissingBroker::broker)
                .containsExactly("broker-b");
        assertThat((Map<String, Long>) body(partial).get("verifiedOffsets"))
                .isEqualTo(Map.of("broker-a/0", 0L, "broker-a/1", 0L));
        assertThat(offsets(mq)).allSatisfy(q -> assertThat(q.committedOffset()).isZero());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }


    private static void produce(EmbeddedRocketMq mq, int count) throws Exception {
        TestClients.send(mq.nameServerAddress(), TOPIC, "m-", count);
    }

    private static List<QueueOffsets> offsets(EmbeddedRocketMq mq) {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            return new OffsetsReader(admin).read(GROUP, TOPIC);
        }
    }
}
