package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.snapshot.OffsetsCsv;
import dev.backtrack.core.snapshot.SnapshotOperation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The rewind's true/false fields, the batch fields and the fields of snapshot, restore and import: anything wrong is
 * a 400 naming the field and what is accepted, before any request.
 */
class EndpointBodyFieldsTest {

    // a closed port: a field that got past validation would meet it and answer 5xx, not 400
    private final BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("JOURNAL",
            new ConsumerBinding("input", "orders", "readers", null, null, "127.0.0.1:1", null, null));

    @Test
    void allowPartialOtherThanTrueOrFalseIsABadRequest() {
        WebEndpointResponse<Object> response = endpoint.rewind(OPERATOR, "input", null, null, "now", "false", "maybe");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) ((Map<?, ?>) response.getBody()).get("error"))
                .isEqualTo("Field 'allowPartial' is 'maybe'; accepted: false (the default: refuse when brokers that "
                        + "held queues of the topic are missing) or true (rewind what can be reached)");
    }

    @Test
    void dryRunOtherThanTrueOrFalseIsABadRequest() {
        WebEndpointResponse<Object> response = endpoint.rewind(OPERATOR, "input", null, null, "now", "yes", null);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) ((Map<?, ?>) response.getBody()).get("error"))
                .startsWith("Field 'dryRun' is 'yes'; accepted: true");
    }

    @Test
    void batchFieldsInAWrongCombinationAreBadRequestsNamingTheAcceptedForms() {
        String accepted = "; accepted: 'binding', or 'group' and 'topic' (one group on one topic); 'topic' with "
                + "\"allGroups\": true (every group of the topic); or 'group' with \"allTopics\": true (the group on "
                + "every topic it consumes)";
        assertThat(error(batch(null, "orders", null, "maybe", null, null), 400)).isEqualTo("Field 'allGroups' is "
                + "'maybe'; accepted: false (the default: rewind one group) or true (rewind every group of 'topic')");
        assertThat(error(batch(null, "orders", null, "true", "true", null), 400))
                .isEqualTo("\"allGroups\" and \"allTopics\" cannot both be true" + accepted);
        assertThat(error(batch("readers", "orders", null, "true", null, null), 400))
                .isEqualTo("\"allGroups\": true moves every group of the topic, so it takes no 'group'" + accepted);
        assertThat(error(batch(null, null, null, "true", null, null), 400))
                .isEqualTo("\"allGroups\": true needs 'topic'" + accepted);
        assertThat(error(batch("readers", "orders", null, null, "true", null), 400)).isEqualTo("\"allTopics\": true "
                + "moves the group on every topic it consumes, so it takes no 'topic'" + accepted);
        assertThat(error(batch(null, "orders", "broker-a/0", "true", null, null), 400))
                .isEqualTo("\"allGroups\": true moves every queue, so it takes no 'queues'" + accepted);
        assertThat(error(batch("readers", "orders", null, null, null, "true"), 400))
                .isEqualTo("'skipRefused' applies to \"allGroups\": true or \"allTopics\": true only" + accepted);
        assertThat(error(batch(null, "orders", null, "true", null, "often"), 400)).startsWith("Field 'skipRefused' is "
                + "'often'; accepted: false (the default: one refused group or topic refuses the whole batch)");
        assertThat(error(batch(null, "bad topic!", null, "true", null, null), 400))
                .startsWith("Topic name 'bad topic!' has characters RocketMQ rejects");
        assertThat(error(batch("bad group!", null, null, null, "true", null), 400))
                .startsWith("Consumer group name 'bad group!' has characters RocketMQ rejects");
        assertThat(error(endpoint.rewind(OPERATOR, null, null, "orders", "yesterday-ish", null, null, null, null,
                "false", null, null, "true", null, null), 400)).contains("'yesterday-ish'");
    }

    @Test
    void snapshotRestoreExportAndImportFieldsAreCheckedBeforeAnyRequest() {
        assertThat(error(section("snapshot", Map.of("group", "readers", "name", "no spaces!")), 400))
                .isEqualTo("Snapshot name 'no spaces!' is not accepted; accepted: " + SnapshotOperation.NAME_FORM);
        assertThat(error(section("snapshot", Map.of()), 400)).isEqualTo("Give 'binding' (one of [input]) or 'group'");
        assertThat(error(section("export", Map.of("binding", "output")), 400)).startsWith("Binding 'output' is not a "
                + "RocketMQ consumer binding of this application; accepted: [input]");
        assertThat(error(section("restore", Map.of()), 400)).isEqualTo("Field 'id' is missing; accepted: a "
                + "snapshot's name, or its batch id (GET /actuator/backtrack/history lists snapshots)");
        assertThat(error(section("restore", Map.of("id", "before", "dryRun", "no")), 400))
                .startsWith("Field 'dryRun' is 'no'; accepted: true");
        assertThat(error(section("import", Map.of("group", "readers")), 400))
                .isEqualTo("Field 'csv' is missing; accepted: the offsets file's text, " + OffsetsCsv.ROW_FORM);
        assertThat(error(section("import", Map.of("group", "readers", "allowPartial", "some", "csv", "x")), 400))
                .startsWith("Field 'allowPartial' is 'some'; accepted: false");
        assertThat(error(section("import", Map.of("group", "readers", "csv", "topic,broker,queue\norders,broker-a,"
                + "-1,5\norders,broker-a,0,five\n")), 400)).contains("field 'csv'", "line 1: the header is "
                        + "'topic,broker,queue'; accepted: exactly 'topic,broker,queue,offset'", "line 2:", "line 3:");
        assertThat(error(section("snapshots", Map.of("group", "readers")), 404)).isEqualTo("Unknown operation "
                + "'snapshots'; accepted: replay, redrive, undo, resume, abort, snapshot, restore, export, import");
        for (String name : new String[] {"snapshot", "restore", "export", "import"}) {
            assertThat(EndpointSnapshotTest.call(endpoint, EndpointTestSupport.withoutRole(null), name,
                    Map.of("group", "readers")).getStatus()).as(name).isEqualTo(401);
            assertThat(EndpointSnapshotTest.call(endpoint, EndpointTestSupport.withoutRole("viewer"), name,
                    Map.of("group", "readers")).getStatus()).as(name).isEqualTo(403);
        }
    }

    private WebEndpointResponse<Object> batch(String group, String topic, String queues, String allGroups,
            String allTopics, String skipRefused) {
        return endpoint.rewind(OPERATOR, null, group, topic, null, null, "-3", null, queues, "false", null, null,
                allGroups, allTopics, skipRefused);
    }

    private WebEndpointResponse<Object> section(String name, Map<String, String> fields) {
        return EndpointSnapshotTest.call(endpoint, OPERATOR, name, fields);
    }

    private static String error(WebEndpointResponse<Object> response, int status) {
        assertThat(response.getStatus()).as("%s", response.getBody()).isEqualTo(status);
        return (String) ((Map<?, ?>) response.getBody()).get("error");
    }
}
