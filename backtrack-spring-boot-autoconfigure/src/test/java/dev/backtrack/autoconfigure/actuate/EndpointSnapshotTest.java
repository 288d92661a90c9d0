package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.admin;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.body;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code POST /actuator/backtrack/snapshot}, {@code restore}, {@code export} and {@code import} against an embedded
 * broker: what they move is read back, what they record is in the history, wrong values are refused saying why.
 */
class EndpointSnapshotTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String JOURNAL = "ENDPOINT_SNAPSHOT_JOURNAL";
    private static final String ORDERS = "endpoint-snap-orders";
    private static final String REFUNDS = "endpoint-snap-refunds";

    @Test
    void aSnapshotIsRestoredOnEveryQueueAfterTheGroupMovedOn(EmbeddedRocketMq mq) throws Exception {
        String group = "endpoint-snap-g";
        BacktrackEndpoint endpoint = endpoint(mq);
        try (RocketMqAdmin admin = admin(mq)) {
            topicsConsumedUpTo(mq, admin, group, 4);
            Map<MessageQueue, Long> kept = committed(admin, group);

            WebEndpointResponse<Object> taken = call(endpoint, OPERATOR, "snapshot", Map.of("group", group, "name",
                    "before-deploy"));
            assertThat(taken.getStatus()).as("%s", taken.getBody()).isEqualTo(200);
            assertThat(body(taken)).containsEntry("snapshot", "before-deploy").containsEntry("queues", 4)
                    .containsEntry("topics", List.of(ORDERS, REFUNDS));
            String batch = (String) body(taken).get("batch");
            assertThat(history(endpoint, group)).filteredOn(e -> e.kind() == JournalKind.SNAPSHOT).hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.batch()).isEqualTo(batch);
                        assertThat(e.name()).isEqualTo("before-deploy");
                        assertThat(e.actor()).isEqualTo("operator");
                    });

            consumedToTheEnd(admin, group, ORDERS, REFUNDS); // the group consumes and commits more
            Map<MessageQueue, Long> later = committed(admin, group);
            assertThat(later).isNotEqualTo(kept);

            WebEndpointResponse<Object> planned = call(endpoint, OPERATOR, "restore", Map.of("id", "before-deploy"));
            assertThat(planned.getStatus()).as("%s", planned.getBody()).isEqualTo(200);
            assertThat(body(planned)).containsEntry("dryRun", true).containsEntry("queues", 4)
                    .containsEntry("messagesToSkip", 0L);
            assertThat(committed(admin, group)).as("a dry run changes nothing").isEqualTo(later);

            WebEndpointResponse<Object> restored = call(endpoint, OPERATOR, "restore", Map.of("id", "before-deploy",
                    "group", group, "dryRun", "false"));
            assertThat(restored.getStatus()).as("%s", restored.getBody()).isEqualTo(200);
            assertThat(committed(admin, group)).as("every queue back where the snapshot kept it").isEqualTo(kept);
            String restoreBatch = (String) body(restored).get("batch");
            assertThat(history(endpoint, group)).filteredOn(e -> restoreBatch.equals(e.batch())).hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.kind()).isEqualTo(JournalKind.REWIND);
                        assertThat(e.actor()).isEqualTo("operator");
                    });

            WebEndpointResponse<Object> again = call(endpoint, OPERATOR, "snapshot", Map.of("group", group, "name",
                    "before-deploy"));
            assertThat(again.getStatus()).isEqualTo(400);
            assertThat(error(again)).contains("already has a snapshot named 'before-deploy'", "Accepted:");
            WebEndpointResponse<Object> unknown = call(endpoint, OPERATOR, "restore", Map.of("id", "no-such-snap"));
            assertThat(unknown.getStatus()).as("%s", unknown.getBody()).isEqualTo(404);
            assertThat(error(unknown)).contains("no-such-snap");
        }
    }

    @Test
    void anExportedFileWithOneRowEditedMovesExactlyThatQueue(EmbeddedRocketMq mq) throws Exception {
        String group = "endpoint-export-g";
        BacktrackEndpoint endpoint = endpoint(mq);
        try (RocketMqAdmin admin = admin(mq)) {
            topicsConsumedUpTo(mq, admin, group, 5);
            Map<MessageQueue, Long> before = committed(admin, group);

            WebEndpointResponse<Object> exported = call(endpoint, OPERATOR, "export", Map.of("group", group,
                    "topics", ORDERS));
            assertThat(exported.getStatus()).as("%s", exported.getBody()).isEqualTo(200);
            String csv = (String) body(exported).get("csv");
            assertThat(csv).startsWith("topic,broker,queue,offset\n").contains(ORDERS + ",broker-a,0,")
                    .doesNotContain(REFUNDS);
            assertThat(body(exported)).containsEntry("rows", 2);
            assertThat(history(endpoint, group)).filteredOn(e -> e.kind() == JournalKind.EXPORT).singleElement()
                    .satisfies(e -> {
                        assertThat(e.batch()).isEqualTo(body(exported).get("batch"));
                        assertThat(e.actor()).isEqualTo("operator");
                    });

            MessageQueue edited = new MessageQueue(ORDERS, "broker-a", 1);
            long target = before.get(edited) - 2;
            String one = "topic,broker,queue,offset\n" + ORDERS + ",broker-a,1," + target + "\n";
            WebEndpointResponse<Object> planned = call(endpoint, OPERATOR, "import", Map.of("group", group, "csv",
                    one));
            assertThat(planned.getStatus()).as("%s", planned.getBody()).isEqualTo(200);
            assertThat(body(planned)).containsEntry("dryRun", true).containsEntry("queues", 1)
                    .containsEntry("messagesToReplay", 2L);
            assertThat(committed(admin, group)).isEqualTo(before);

            WebEndpointResponse<Object> imported = call(endpoint, OPERATOR, "import", Map.of("group", group, "csv",
                    one, "dryRun", "false"));
            assertThat(imported.getStatus()).as("%s", imported.getBody()).isEqualTo(200);
            Map<MessageQueue, Long> expected = new HashMap<>(before);
            expected.put(edited, target);
            assertThat(committed(admin, group)).as("exactly the edited queue moved").isEqualTo(expected);

            WebEndpointResponse<Object> wrong = call(endpoint, OPERATOR, "import", Map.of("group", group, "csv",
                    "topic,broker,queue,offset\n" + ORDERS + ",broker-a,9,1\nendpoint-snap-none,broker-a,0,1\n",
                    "dryRun", "false"));
            assertThat(wrong.getStatus()).as("%s", wrong.getBody()).isEqualTo(400);
            assertThat(error(wrong)).contains("line 2: topic " + ORDERS + " has no queue broker-a/9; accepted: one "
                    + "of its queues", "line 3: topic endpoint-snap-none is not found on the cluster");
            assertThat(committed(admin, group)).as("nothing moved").isEqualTo(expected);

            WebEndpointResponse<Object> noTopic = call(endpoint, OPERATOR, "export", Map.of("group", group, "topics",
                    ORDERS + ", endpoint-snap-none"));
            assertThat(noTopic.getStatus()).as("%s", noTopic.getBody()).isEqualTo(404);
            assertThat(error(noTopic)).contains("endpoint-snap-none");
            WebEndpointResponse<Object> noOffsets = call(endpoint, OPERATOR, "snapshot", Map.of("group",
                    "endpoint-snap-nobody"));
            assertThat(noOffsets.getStatus()).as("%s", noOffsets.getBody()).isEqualTo(400);
        }
    }

    private static BacktrackEndpoint endpoint(EmbeddedRocketMq mq) {
        return EndpointTestSupport.endpoint(JOURNAL, new ConsumerBinding("input", ORDERS, "endpoint-snap-g", null,
                null, mq.nameServerAddress(), null, null));
    }

    /** {@code POST /actuator/backtrack/{section}} with the given fields. */
    static WebEndpointResponse<Object> call(BacktrackEndpoint endpoint, SecurityContext user, String section,
            Map<String, String> fields) {
        return endpoint.operation(user, section, fields.get("binding"), fields.get("group"), null, null, null, null,
                fields.get("dryRun"), null, fields.get("id"), null, null, null, null, null, fields.get("topics"),
                fields.get("name"), fields.get("csv"), fields.get("allowPartial"));
    }

    /** Two topics of two queues with 8 messages each; {@code group} committed at {@code offset} on every queue. */
    private static void topicsConsumedUpTo(EmbeddedRocketMq mq, RocketMqAdmin admin, String group, long offset)
            throws Exception {
        for (String topic : List.of(ORDERS, REFUNDS)) {
            if (!admin.topicNames().contains(topic)) {
                mq.createTopic(topic, 2);
                TestClients.send(mq.nameServerAddress(), topic, "m-", 16);
            }
            for (QueueAddress queue : admin.queues(topic)) {
                admin.ensureGroup(queue.brokerAddress(), group);
                admin.writeOffset(queue.brokerAddress(), group, queue.queue(), offset);
            }
        }
    }

    private static void consumedToTheEnd(RocketMqAdmin admin, String group, String... topics) {
        for (String topic : topics) {
            for (QueueAddress queue : admin.queues(topic)) {
                admin.writeOffset(queue.brokerAddress(), group, queue.queue(),
                        admin.maxOffset(queue.brokerAddress(), queue.queue()));
            }
        }
    }

    private static Map<MessageQueue, Long> committed(RocketMqAdmin admin, String group) {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        for (String topic : List.of(ORDERS, REFUNDS)) {
            offsets.putAll(admin.committedOffsets(group, admin.queues(topic)));
        }
        return offsets;
    }

    private static List<HistoryItem> history(BacktrackEndpoint endpoint, String group) {
        return EndpointTestSupport.history(endpoint).stream().filter(e -> e.group().equals(group)).toList();
    }
}
