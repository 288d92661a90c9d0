package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the backtrack endpoint answers to requests that go wrong: bad bodies, and a record that cannot be written. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BacktrackEndpointRequestsTest {

    private static final String JOURNAL = "endpoint-read-only-journal";
    private static final String TOPIC = "test-topic3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEBIBYTE = "x".repeat(1 << 20);

    @DynamicPropertySource
    static void embeddedBrokerOnFreePorts(DynamicPropertyRegistry registry) throws IOException {
        ExampleApp.embeddedBrokerOnFreePorts(registry, "mq-example-endpoint-requests-");
        registry.add("backtrack.journal.topic", () -> JOURNAL);
    }

    @TestConfiguration
    static class Users {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("operator").password("{noop}op-secret").roles("BACKTRACK_ADMIN").build());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedRocketMq rocketMq;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRewindWhoseRecordCannotBeWrittenAnswers200WithAWarning() throws Exception {
        produce(3);
        rocketMq.createReadOnlyTopic(JOURNAL);
        String group = "endpoint-unrecorded";
        assertThat(offsets(group)).allSatisfy(q -> assertThat(q.committedOffset()).isNull());

        HttpResponse<String> response = post("{\"group\":\"" + group + "\",\"topic\":\"" + TOPIC
                + "\",\"to\":\"now\",\"dryRun\":false}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(result.get("warnings")).hasSize(1);
        assertThat(result.get("warnings").get(0).asText())
                .startsWith("offsets moved; the record could not be written: ").contains(JOURNAL);
        List<QueueOffsets> after = offsets(group);
        assertThat(after).allSatisfy(q -> assertThat(q.committedOffset()).isEqualTo(q.maxOffset()));
        assertThat(after.stream().mapToLong(QueueOffsets::maxOffset).sum()).as("messages stored").isPositive();
    }

    @Test
    void malformedBodiesAndWrongTypesAre400WithAMessage() throws Exception {
        String notJson = "The request body is not valid JSON (";
        String notObject = "The request body is not a JSON object; accepted: a JSON object such as";
        String[][] cases = {
            {"", "Give 'binding' (one of [input-backtracking]) or both 'group' and 'topic'"},
            {"{", notJson}, {"not json", notJson}, {"{\"to\":", notJson}, {"{\"to\":\"now\",}", notJson},
            {"[]", notObject}, {"\"now\"", notObject}, {"42", notObject},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"dryRun\":\"x\"}",
                "Field 'dryRun' is 'x'; accepted: true (the default: only show the plan) or false (rewind)"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"dryRun\":7}", "Field 'dryRun' is '7'"},
            {"{\"binding\":[],\"to\":\"now\"}", "Field 'binding' is a list or an object; accepted: a JSON object"},
            {"{\"binding\":{\"a\":1},\"to\":\"now\"}", "Field 'binding' is a list or an object"},
            {"{\"binding\":\"input-backtracking\",\"to\":[\"now\"]}", "Field 'to' is a list or an object"},
            {"{\"binding\":\"input-backtracking\",\"to\":null}", "Field 'to' is missing; accepted: yyyyMMddHHmmss"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"\\u0000\"}",
                "Time '\\u0000' is not a time this tool can read. Accepted forms: yyyyMMddHHmmss"},
            {"{\"binding\":\"\\u0000\\u001f\",\"to\":\"now\"}", "Binding '\\u0000\\u001f' is not a RocketMQ consumer"},
            {"{\"binding\":\"输入\",\"to\":\"now\"}",
                "Binding '输入' is not a RocketMQ consumer binding of this application; "
                + "accepted: [input-backtracking]"},
            {"{\"group\":\"消费组\",\"topic\":\"test-topic3\",\"to\":\"now\"}",
                "Consumer group name '消费组' has characters RocketMQ rejects"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"" + MEBIBYTE + "\"}",
                "Time '" + "x".repeat(100) + "...' (1048576 characters) is not a time"},
            {"{\"binding\":\"" + MEBIBYTE + "\",\"to\":\"now\"}", "Binding 'xxxxxxxxxx"},
            {"{\"group\":\"" + MEBIBYTE + "\",\"topic\":\"test-topic3\",\"to\":\"now\",\"dryRun\":false}",
                "Consumer group name 'xxxxxxxxxx"},
            {"{\"group\":\"g\",\"topic\":\"" + MEBIBYTE + "\",\"to\":\"now\",\"dryRun\":false}",
                "Topic name 'xxxxxxxxxx"},
            {"{\"" + MEBIBYTE + "\":1}", notJson},
            {"{\"binding\":\"input-backtracking\",\"shiftBy\":\"x\"}",
                "Field 'shiftBy' 'x' is not a shift; accepted: a whole number of messages"},
            {"{\"binding\":\"input-backtracking\",\"shiftBy\":1.5}", "Field 'shiftBy' '1.5' is not a shift"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"queues\":[\"broker-a/0\"]}",
                "Field 'queues' is a list or an object"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"toOffset\":1}",
                "Fields 'to', 'toOffset' were given together"},
            {"{\"binding\":\"input-backtracking\",\"toOffset\":1,\"queues\":\"broker-z/0\"}",
                "broker 'broker-z' of broker-z/0 holds no queue of topic 'test-topic3'"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"rate\":\"fast\"}",
                "Rate 'fast' is not accepted; accepted: a number of messages above 0 per second, as N or N/s"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"rate\":0}", "Rate '0' is not accepted"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"rate\":\"10/h\"}", "Rate '10/h' is not accepted"},
            {"{\"binding\":\"input-backtracking\",\"toGroupOf\":\"nobody-here\"}",
                "Group 'nobody-here' has no committed offset on any queue of topic 'test-topic3'"},
            {"{\"topic\":\"test-topic3\",\"allGroups\":\"maybe\",\"to\":\"now\"}", "Field 'allGroups' is "
                + "'maybe'; accepted: false (the default: rewind one group) or true (rewind every group of 'topic')"},
            {"{\"topic\":\"test-topic3\",\"group\":\"g\",\"allGroups\":true,\"to\":\"now\"}",
                "\"allGroups\": true moves every group of the topic, so it takes no 'group'; accepted: 'binding', "
                + "or 'group' and 'topic' (one group on one topic); 'topic' with \"allGroups\": true"},
            {"{\"group\":\"g\",\"allTopics\":true,\"allGroups\":true,\"to\":\"now\"}",
                "\"allGroups\" and \"allTopics\" cannot both be true; accepted:"},
            {"{\"binding\":\"input-backtracking\",\"allTopics\":true,\"to\":\"now\"}",
                "\"allTopics\": true takes no 'binding'; accepted:"},
            {"{\"binding\":\"input-backtracking\",\"to\":\"now\",\"skipRefused\":true}",
                "'skipRefused' applies to \"allGroups\": true or \"allTopics\": true only; accepted:"},
            {"{\"topic\":\"test-topic3\",\"allGroups\":true,\"skipRefused\":[true],\"to\":\"now\"}",
                "Field 'skipRefused' is a list or an object"},
        };
        SoftAssertions softly = new SoftAssertions();
        for (String[] c : cases) {
            HttpResponse<String> response = post(c[0]);
            String shown = c[0].length() > 80 ? c[0].substring(0, 80) + "..." : c[0];
            softly.assertThat(response.statusCode()).as(shown + " -> " + response.body()).isEqualTo(400);
            assertHasShortMessage(softly, shown, response);
            softly.assertThat(errorOf(response)).as(shown).contains(c[1]);
        }
        softly.assertAll();
    }

    @Test
    void theSectionsOfSnapshotsAndFilesAnswer400ForWrongValues() throws Exception {
        String[][] cases = {
            {"snapshot", "{\"group\":\"backtracking-consumer-group\",\"name\":\"not ok\"}",
                "Snapshot name 'not ok' is not accepted; accepted: 1 to 64 letters, digits"},
            {"snapshot", "{}", "Give 'binding' (one of [input-backtracking]) or 'group'"},
            {"restore", "{\"group\":\"backtracking-consumer-group\"}", "Field 'id' is missing; accepted: a "
                + "snapshot's name, or its batch id"},
            {"restore", "{\"id\":\"x\",\"dryRun\":\"soon\"}", "Field 'dryRun' is 'soon'; accepted: true"},
            {"export", "{\"binding\":\"nope\"}", "Binding 'nope' is not a RocketMQ consumer binding of this "
                + "application; accepted: [input-backtracking]"},
            {"import", "{\"group\":\"backtracking-consumer-group\"}", "Field 'csv' is missing; accepted: the "
                + "offsets file's text, TOPIC,BROKER,QUEUE_ID,OFFSET"},
            {"import", "{\"group\":\"backtracking-consumer-group\",\"csv\":\"topic,broker,queue,offset\\n"
                + "test-topic3,broker-a,0,-5\\ntest-topic3,broker-a,0\\n\"}", "line 2:"},
            {"import", "{\"group\":\"backtracking-consumer-group\",\"csv\":[\"x\"]}",
                "Field 'csv' is a list or an object"},
            {"import", "{\"group\":\"backtracking-consumer-group\",\"csv\":\"topic,broker,queue,offset\\n"
                + "test-topic3,broker-a,99,1\\n\",\"dryRun\":false}",
                "line 2: topic test-topic3 has no queue broker-a/99; accepted: one of its queues"},
        };
        SoftAssertions softly = new SoftAssertions();
        for (String[] c : cases) {
            HttpResponse<String> response = post("/" + c[0], c[1]);
            String shown = c[0] + " " + c[1];
            softly.assertThat(response.statusCode()).as(shown + " -> " + response.body()).isEqualTo(400);
            assertHasShortMessage(softly, shown, response);
            softly.assertThat(errorOf(response)).as(shown).contains(c[2]);
        }
        softly.assertAll();
    }

    @Test
    void aNumberForToIsEpochMilliseconds() throws Exception {
        HttpResponse<String> response = post("{\"binding\":\"input-backtracking\",\"to\":5}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("dryRun").asBoolean()).isTrue();
        assertThat(answer.get("plan").get("requestedTimestamp").asLong()).isEqualTo(5);
    }

    @Test
    void offsetsAndQueuesMayBeJsonNumbersOrStrings() throws Exception {
        HttpResponse<String> response = post("{\"binding\":\"input-backtracking\",\"toOffset\":0,"
                + "\"queues\":\"broker-a/1, broker-a/0\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode plan = JSON.readTree(response.body()).get("plan");
        assertThat(plan.get("position").asText()).isEqualTo("offset 0");
        assertThat(plan.get("selectedQueues").toString()).isEqualTo("[\"broker-a/0\",\"broker-a/1\"]");
        assertThat(plan.get("untouchedQueues").toString()).isEqualTo("[\"broker-a/2\",\"broker-a/3\"]");
        assertThat(plan.get("queues")).hasSize(2);
        assertThat(plan.get("queues").get(0).get("requestedOffset").asLong()).isZero();
    }

    @Test
    void randomBodiesNeverAnswer500() throws Exception {
        Random random = new Random(20261126L);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < 50; i++) {
            String body = randomBody(random);
            HttpResponse<String> response = post(body);
            String shown = body.length() > 120 ? body.substring(0, 120) + "..." : body;
            softly.assertThat(response.statusCode()).as(shown + " -> " + response.body()).isBetween(200, 499);
            if (response.statusCode() >= 400) {
                assertHasShortMessage(softly, shown, response);
            }
        }
        softly.assertAll();
    }

    private static void assertHasShortMessage(SoftAssertions softly, String shown, HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            softly.fail(shown + ": the answer is not JSON: " + response.body());
            return;
        }
        softly.assertThat(answer.path("error").asText()).as(shown + " -> " + response.body()).isNotBlank();
        softly.assertThat(response.body().length()).as(shown + ": the bad value is not echoed whole").isLessThan(2000);
    }

    private static String errorOf(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").asText();
        } catch (IOException e) {
            return "(not JSON) " + response.body();
        }
    }

    /** A JSON object with the endpoint's field names (and others) holding values of any type, or broken JSON. */
    private static String randomBody(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        List<String> names = List.of("binding", "group", "topic", "to", "dryRun", "extra", "toOffset",
                "shiftBy", "toGroupOf", "queues", "allGroups", "allTopics", "skipRefused");
        int fields = random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(7)) {
                case 0 -> body.put(name, random.nextLong());
                case 1 -> body.put(name, random.nextBoolean());
                case 2 -> body.putNull(name);
                case 3 -> body.putArray(name).add(randomText(random));
                case 4 -> body.putObject(name).put(randomText(random), randomText(random));
                default -> body.put(name, randomText(random));
            }
        }
        if (!body.has("dryRun") || body.get("dryRun").isBoolean()) {
            body.put("dryRun", true); // never move anything for real
        }
        String json = body.toString();
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, random.nextInt(json.length())); // cut short
            default -> json;
        };
    }

    private static String randomText(Random random) {
        int length = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1000 + random.nextInt(5000);
            default -> random.nextInt(20);
        };
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20); // control characters
                case 1 -> (char) (0x4e00 + random.nextInt(0x5000)); // CJK
                case 2 -> "0123456789-:#TZ hms".charAt(random.nextInt(19));
                default -> (char) (0x20 + random.nextInt(0x5f)); // printable ASCII
            });
        }
        return text.toString();
    }

    private void produce(int count) throws Exception {
        DefaultMQProducer producer = TestClients.producer(rocketMq.nameServerAddress());
        try {
            for (int i = 0; i < count; i++) {
                producer.send(new Message(TOPIC, ("{\"id\":" + i + ",\"desc\":\"requests\"}")
                        .getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }


    private List<QueueOffsets> offsets(String group) {
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(rocketMq.nameServerAddress()))) {
            return new ArrayList<>(new OffsetsReader(admin).read(group, TOPIC));
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("", body);
    }

    private HttpResponse<String> post(String section, String body) throws Exception {
        URI endpoint = URI.create("http://localhost:" + port + "/mq-example/actuator/backtrack" + section);
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", ExampleApp.basic("operator:op-secret"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
