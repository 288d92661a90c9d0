package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** {@code POST /actuator/backtrack/undo}: dry run by default, applied, refused twice, unknown ids, roles. */
class EndpointUndoTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String TOPIC = "endpoint-undo";
    private static final String GROUP = "endpoint-undo-g";
    private static final String JOURNAL = "ENDPOINT_UNDO_JOURNAL";

    @Test
    void anUndoIsPlannedThenAppliedRecordedAndRefusedTheSecondTime(EmbeddedRocketMq mq) throws Exception {
        MessageQueue queue = tenMessagesConsumed(mq);
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint(JOURNAL, new ConsumerBinding("input", TOPIC, GROUP,
                null, null, mq.nameServerAddress(), null, null));
        WebEndpointResponse<Object> rewound = endpoint.rewind(OPERATOR, "input", null, null, null, null, "-4", null,
                null, "false", null);
        assertThat(rewound.getStatus()).as("%s", rewound.getBody()).isEqualTo(200);
        assertThat(committed(mq, queue)).isEqualTo(6);
        HistoryItem rewind = history(endpoint).get(0);
        assertThat(rewind.kind()).isEqualTo(JournalKind.REWIND);

        WebEndpointResponse<Object> dry = undo(endpoint, OPERATOR, rewind.id(), null);
        assertThat(dry.getStatus()).as("%s", dry.getBody()).isEqualTo(200);
        assertThat(body(dry).get("dryRun")).isEqualTo(true);
        assertThat(committed(mq, queue)).as("a dry run changes nothing").isEqualTo(6);

        WebEndpointResponse<Object> done = undo(endpoint, OPERATOR, rewind.id(), "false");
        assertThat(done.getStatus()).as("%s", done.getBody()).isEqualTo(200);
        assertThat(body(done).get("undoes")).isEqualTo(rewind.id());
        assertThat(body(done).get("verifiedOffsets")).isEqualTo(Map.of("broker-a/0", 10L));
        assertThat(committed(mq, queue)).isEqualTo(10);
        List<HistoryItem> history = history(endpoint);
        assertThat(history.get(0).undoneBy()).isEqualTo(body(done).get("id"));
        assertThat(history.get(1).kind()).isEqualTo(JournalKind.UNDO);
        assertThat(history.get(1).actor()).isEqualTo("operator");
        assertThat(history.get(1).undoes()).isEqualTo(rewind.id());

        WebEndpointResponse<Object> twice = undo(endpoint, OPERATOR, rewind.id(), "false");
        assertThat(twice.getStatus()).isEqualTo(409);
        assertThat(error(twice)).contains("already undone by " + body(done).get("id"));
        WebEndpointResponse<Object> unknown = undo(endpoint, OPERATOR, "nosuchid", "false");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(error(unknown)).contains("'nosuchid'");
        assertThat(undo(endpoint, OPERATOR, null, null).getStatus()).isEqualTo(400);
        assertThat(undo(endpoint, EndpointTestSupport.withoutRole(null), rewind.id(), "false").getStatus())
                .isEqualTo(401);
        WebEndpointResponse<Object> viewer = undo(endpoint, EndpointTestSupport.withoutRole("viewer"), rewind.id(),
                "false");
        assertThat(viewer.getStatus()).isEqualTo(403);
        assertThat(error(viewer)).isEqualTo("User 'viewer' lacks role BACKTRACK_ADMIN");
        assertThat(committed(mq, queue)).isEqualTo(10);
    }

    private static WebEndpointResponse<Object> undo(BacktrackEndpoint endpoint, SecurityContext user, String id,
            String dryRun) {
        return endpoint.operation(user, "undo", null, null, null, null, null, null, dryRun, null, id, null, null,
                null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static List<HistoryItem> history(BacktrackEndpoint endpoint) {
        return ((List<HistoryItem>) body(endpoint.history(OPERATOR, "history")).get("entries")).stream()
                .filter(e -> e.group().equals(GROUP)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }

    private static String error(WebEndpointResponse<Object> response) {
        return (String) body(response).get("error");
    }

    private static MessageQueue tenMessagesConsumed(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 1);
        TestClients.send(mq.nameServerAddress(), TOPIC, "m-", 10);
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 0);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.ensureGroup(mq.brokers().get(0).address(), GROUP);
            admin.writeOffset(mq.brokers().get(0).address(), GROUP, queue, 10);
        }
        return queue;
    }

    private static Long committed(EmbeddedRocketMq mq, MessageQueue queue) {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            return admin.committedOffset(mq.brokers().get(0).address(), GROUP, queue);
        }
    }
}
