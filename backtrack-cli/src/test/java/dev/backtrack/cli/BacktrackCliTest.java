package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backtrack command against a real two-broker cluster. */
class BacktrackCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    private static final List<String> bodies = new ArrayList<>();
    private static final List<Long> storeTimes = new ArrayList<>();

    static CliRun run(String input, String... args) {
        List<String> all = List.of(args);
        if (all.size() > 0 && !all.contains("--help") && !all.contains("-n")) {
            return CliRun.against(MQ.nameServerAddress(), input, System.getenv(), args);
        }
        return CliRun.of(all, input, System.getenv());
    }

    @BeforeAll
    static void ordersConsumedByBilling(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 2);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = "order-" + i;
            results.add(producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8))));
            bodies.add(body);
            Thread.sleep(2); // distinct store times
        }
        TestClients.shutDownInBackground(producer);
        await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(r -> storeTime(mq, r) > 0));
        results.forEach(r -> storeTimes.add(storeTime(mq, r)));
        Set<String> seen = consume(GROUP, 20);
        assertThat(seen).hasSize(20);
    }

    @Test
    void planPrintsOneJsonDocumentWithEveryQueue() throws Exception {
        CliRun run = run("", "plan", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(storeTimes.get(15)), "--json");
        assertThat(run.exit()).isZero();
        JsonNode plan = JSON.readTree(run.out());
        assertThat(plan.get("queues")).hasSize(4);
        for (JsonNode queue : plan.get("queues")) {
            for (String field : List.of("broker", "queueId", "committedOffset", "targetOffset", "minOffset",
                    "maxOffset", "targetStoreTimestamp")) {
                assertThat(queue.has(field)).as(field).isTrue();
            }
        }
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(5);
    }

    @Test
    void planPrintsAnAlignedTableWithTotals() {
        CliRun run = run("", "plan", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(storeTimes.get(10)), "--zone", "UTC");
        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Rewind plan: group billing, topic orders, to ").endsWith("Z (" + storeTimes.get(10) + ")");
        assertThat(lines.get(1)).startsWith("BROKER    QUEUE  COMMITTED  TARGET");
        assertThat(lines).hasSize(7);
        String total = lines.get(6);
        assertThat(total).startsWith("TOTAL").endsWith("10     0");
        int replayColumn = lines.get(1).indexOf("REPLAY") + "REPLAY".length();
        assertThat(lines.subList(2, 7)).allSatisfy(line -> assertThat(line.length()).isGreaterThanOrEqualTo(replayColumn));
    }

    @Test
    void dryRunAndUnconfirmedRewindsChangeNothing() {
        List<QueueOffsets> before = offsets(GROUP);
        CliRun dry = run("", "rewind", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(storeTimes.get(0)), "--dry-run",
                "--json");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("\"dryRun\" : true");
        CliRun declined = run("n\n", "rewind", "-g", GROUP, "-t", TOPIC, "--to", Long.toString(storeTimes.get(0)));
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.err()).contains("Proceed? [y/N]").contains("Not confirmed: nothing changed");
        assertThat(offsets(GROUP)).isEqualTo(before);
    }

    @Test
    void rewindMovesTheGroupRecordsItAndTheMessagesComeAgain() throws Exception {
        String group = "audit";
        assertThat(consume(group, 20)).hasSize(20);
        long t = storeTimes.get(12);
        CliRun run = run("y\n", "rewind", "-g", group, "-t", TOPIC, "--to", Long.toString(t), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(result.get("messagesToReplay").asLong()).isEqualTo(8);

        Set<String> expected = new HashSet<>(bodies.subList(12, 20));
        assertThat(consume(group, 8)).isEqualTo(expected);

        CliRun history = run("", "history", "-g", group, "--json");
        assertThat(history.exit()).isZero();
        JsonNode entries = JSON.readTree(history.out());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("REWIND");
        assertThat(entries.get(0).get("timestamp").asLong()).isEqualTo(t);
        assertThat(entries.get(0).get("actor").asText()).contains("backtrack CLI");
        assertThat(entries.get(0).get("queues")).hasSize(4);
    }

    @Test
    void aRewindWhoseRecordCannotBeWrittenSucceedsWithAWarning() throws Exception {
        String group = "ledger";
        String readOnlyJournal = "cli-read-only-journal";
        assertThat(consume(group, 20)).hasSize(20);
        MQ.rocketMq().createReadOnlyTopic(readOnlyJournal);

        CliRun json = run("", "rewind", "-g", group, "-t", TOPIC, "--to", Long.toString(storeTimes.get(14)), "--yes",
                "--json", "--journal-topic", readOnlyJournal);
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.get("messagesToReplay").asLong()).isEqualTo(6);
        assertThat(result.get("warnings")).hasSize(1);
        assertThat(result.get("warnings").get(0).asText())
                .startsWith("offsets moved; the record could not be written: ").contains(readOnlyJournal);
        assertThat(offsets(group).stream().mapToLong(QueueOffsets::lag).sum()).as("moved back by 6").isEqualTo(6);

        CliRun text = run("", "rewind", "-g", group, "-t", TOPIC, "--to", Long.toString(storeTimes.get(10)), "--yes",
                "--journal-topic", readOnlyJournal);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Warning: offsets moved; the record could not be written: ");
        assertThat(offsets(group).stream().mapToLong(QueueOffsets::lag).sum()).as("moved back by 10").isEqualTo(10);
    }

    @Test
    void anOnlineGroupWithoutTheStarterFallsBackToTheBrokersResetAndSaysSo() throws Exception {
        String group = "plain";
        try (RecordingConsumer consumer = RecordingConsumer.start(MQ.nameServerAddress(), group, TOPIC)) {
            consumer.awaitCount(20, Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(60)).until(() -> offsets(group).stream().mapToLong(QueueOffsets::lag).sum() == 0);
            int before = consumer.deliveries();
            CliRun run = run("", "rewind", "-g", group, "-t", TOPIC, "--to", Long.toString(storeTimes.get(17)), "--yes",
                    "--json", "--ack-timeout", "1s");
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode result = JSON.readTree(run.out());
            assertThat(result.get("path").asText()).isEqualTo("BROKER_RESET");
            assertThat(result.get("silentClients")).hasSize(1);
            assertThat(result.get("note").asText()).contains("broker-driven reset").contains("10-30 s");
            consumer.awaitDeliveries(before + 3, Duration.ofSeconds(90));
        }
    }

    @Test
    void aGroupThatNeverConsumedCanBePlannedAndRewound() throws Exception {
        CliRun plan = run("", "plan", "-g", "newcomer", "-t", TOPIC, "--to", Long.toString(storeTimes.get(18)));
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("TOTAL");
        CliRun rewind = run("", "rewind", "-g", "newcomer", "-t", TOPIC, "--to", Long.toString(storeTimes.get(18)),
                "--yes");
        assertThat(rewind.exit()).as(rewind.err()).isZero();
        assertThat(consume("newcomer", 2)).containsExactlyInAnyOrder("order-18", "order-19");
    }

    @Test
    void offsetsShowsCommittedMinMaxLagAndStoreTime() throws Exception {
        CliRun run = run("", "offsets", "-g", GROUP, "-t", TOPIC, "--json");
        assertThat(run.exit()).isZero();
        JsonNode offsets = JSON.readTree(run.out());
        assertThat(offsets.get("queues")).hasSize(4);
        assertThat(offsets.get("lag").asLong()).isZero();
        CliRun table = run("", "offsets", "-g", GROUP, "-t", TOPIC);
        assertThat(table.out()).contains("BROKER    QUEUE  COMMITTED  MIN  MAX  LAG  STORE TIME AT COMMITTED");
    }

    @Test
    void wrongInputIsAClearErrorWithTheRightExitCodeAndNothingMoves() {
        List<QueueOffsets> before = offsets(GROUP);
        CliRun badGroup = run("", "rewind", "-g", "bad group", "-t", TOPIC, "--to", "now", "--yes");
        assertThat(badGroup.exit()).isEqualTo(2);
        assertThat(badGroup.err()).contains("'bad group' has characters RocketMQ rejects");
        CliRun badTopic = run("", "rewind", "-g", GROUP, "-t", "no-such-topic", "--to", "now", "--yes");
        assertThat(badTopic.exit()).isEqualTo(1);
        assertThat(badTopic.err()).contains("Topic 'no-such-topic' not found on name server");
        CliRun badTime = run("", "rewind", "-g", GROUP, "-t", TOPIC, "--to", "yesterday-ish", "--yes");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("Time 'yesterday-ish'").contains("Accepted forms");
        CliRun badZone = run("", "plan", "-g", GROUP, "-t", TOPIC, "--to", "20220117110148", "--zone", "Mars/Base");
        assertThat(badZone.exit()).isEqualTo(2);
        assertThat(badZone.err()).contains("Zone 'Mars/Base' is unknown");
        CliRun badTimeout = run("", "plan", "-g", GROUP, "-t", TOPIC, "--to", "now", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("'soon' is not a duration").contains("e.g. 5s");
        CliRun badJournal = run("", "history", "--journal-topic", "no spaces");
        assertThat(badJournal.exit()).isEqualTo(2);
        assertThat(badJournal.err()).contains("Topic name 'no spaces' has characters RocketMQ rejects");
        CliRun missing = run("", "rewind", "-g", GROUP, "-t", TOPIC);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required argument (specify one of these): (--to=TIME");
        CliRun badNameServer = run("", "plan", "-n", "localhost", "-g", GROUP, "-t", TOPIC, "--to", "now");
        assertThat(badNameServer.exit()).isEqualTo(2);
        assertThat(badNameServer.err()).contains("'localhost' is not host:port");
        CliRun nowhere = run("", "rewind", "-n", "127.0.0.1:1", "--timeout", "2s", "-g", GROUP, "-t", TOPIC, "--to",
                "now", "--yes");
        assertThat(nowhere.exit()).isEqualTo(1);
        assertThat(nowhere.err()).contains("127.0.0.1:1").contains("does not answer");
        assertThat(offsets(GROUP)).isEqualTo(before);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("plan", "rewind", "offsets", "history")) {
            CliRun help = run("", command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Usage: backtrack " + command).contains("--namesrv");
        }
        CliRun top = run("", "--help");
        assertThat(top.out()).contains("plan").contains("rewind").contains("offsets").contains("history")
                .contains("usage error");
    }

    private static List<QueueOffsets> offsets(String group) {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            return new OffsetsReader(admin).read(group, TOPIC);
        }
    }


    private static long storeTime(EmbeddedRocketMq mq, SendResult result) {
        return mq.brokers().stream().filter(b -> b.name().equals(result.getMessageQueue().getBrokerName()))
                .findFirst().orElseThrow().controller().getMessageStore()
                .getMessageStoreTimeStamp(TOPIC, result.getMessageQueue().getQueueId(), result.getQueueOffset());
    }

    private static Set<String> consume(String group, int expected) {
        try (RecordingConsumer consumer = RecordingConsumer.start(MQ.nameServerAddress(), group, TOPIC)) {
            return consumer.awaitCount(expected, Duration.ofSeconds(90));
        }
    }
}
