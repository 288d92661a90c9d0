package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The rewind's {@code rate}: a wrong value is a 400 naming what is accepted, before anything moves; a rate the rewind
 * cannot apply (the group is offline) is recorded with the rewind and named in its warnings. How the instances with
 * the starter pace the replayed messages is {@code ListenerRateRewindTest}'s.
 */
class EndpointRewindRateTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String TOPIC = "endpoint-rate";
    private static final String GROUP = "endpoint-rate-g";

    @Test
    void aWrongRateIsRefusedAndARateThatCannotApplyIsRecordedWithAWarning(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 1);
        TestClients.send(mq.nameServerAddress(), TOPIC, "m-", 10);
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 0);
        String broker = mq.brokers().get(0).address();
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.ensureGroup(broker, GROUP);
            admin.writeOffset(broker, GROUP, queue, 10);
            BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("ENDPOINT_RATE_JOURNAL", new ConsumerBinding(
                    "input", TOPIC, GROUP, null, null, mq.nameServerAddress(), null, null));

            for (String wrong : List.of("0", "fast", "-5/s", "10/h")) {
                WebEndpointResponse<Object> refused = endpoint.rewind(OPERATOR, "input", null, null, null, null, "-4",
                        null, null, "false", null, wrong);
                assertThat(refused.getStatus()).as(wrong).isEqualTo(400);
                assertThat((String) body(refused).get("error")).as(wrong)
                        .startsWith("Rate '" + wrong + "' is not accepted; accepted: ");
            }
            assertThat(admin.committedOffset(broker, GROUP, queue)).as("nothing moved").isEqualTo(10);

            WebEndpointResponse<Object> rewound = endpoint.rewind(OPERATOR, "input", null, null, null, null, "-4",
                    null, null, "false", null, "20/s");
            assertThat(rewound.getStatus()).as("%s", rewound.getBody()).isEqualTo(200);
            assertThat(body(rewound).get("rate")).isEqualTo("20/s");
            assertThat(body(rewound).get("path")).hasToString("OFFLINE_WRITE");
            assertThat((List<?>) body(rewound).get("warnings")).singleElement().asString()
                    .startsWith("the rate applies only to instances with the Backtrack starter that are running");
            assertThat(admin.committedOffset(broker, GROUP, queue)).isEqualTo(6);
            @SuppressWarnings("unchecked")
            List<HistoryItem> history = ((List<HistoryItem>) body(endpoint.history(OPERATOR, "history"))
                    .get("entries")).stream().filter(e -> e.group().equals(GROUP)).toList();
            assertThat(history.get(0).requestedTime()).isEqualTo("shift -4 at 20/s");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }
}
