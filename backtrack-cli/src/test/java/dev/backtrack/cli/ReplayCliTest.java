package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.operation.Refusal;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code backtrack replay} against a real broker: dry run, replay, refusal of a second replay, wrong values. */
class ReplayCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private String topic;
    private String group;
    private String journal;
    private RocketMqAdmin admin;
    private final List<String> window = new ArrayList<>();
    private long from;
    private long until;

    static CliRun run(String... args) {
        return CliRun.against(MQ.nameServerAddress(), "", Map.of(), args);
    }

    @BeforeEach
    void produceAWindow(EmbeddedRocketMq mq) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topic = "cli-window-" + id;
        group = "cli-window-group-" + id;
        journal = "CLI_WINDOW_JOURNAL_" + id;
        mq.createTopic(topic, 2);
        admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        try {
            send(producer, "early", "red");
            long first = 0;
            for (int i = 0; i < 6; i++) {
                long stored = send(producer, "w-" + i, i % 3 == 2 ? "green" : "red");
                first = first == 0 ? stored : first;
                if (i % 3 != 2) {
                    window.add("w-" + i);
                }
            }
            from = first;
            until = send(producer, "late", "red");
            send(producer, "later", "red"); // both queues end with a subscribed message: offsets reach their ends at once
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void aDryRunMovesNothingThenAReplayIsDeliveredOnceAndASecondIsRefusedUnlessAgain(EmbeddedRocketMq mq) {
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .tags("red").start()) {
            consumer.awaitLabels(List.of("early", "w-0", "late", "later"), PATIENCE);
            String[] replay = {"replay", "-g", group, "-t", topic, "--from", Long.toString(from), "--until",
                    Long.toString(until), "--journal-topic", journal};

            CliRun dry = run(CliRun.concat(replay, "--dry-run", "--json"));
            assertThat(dry.exit()).as(dry.err()).isZero();
            JsonNode plan = dry.json();
            assertThat(plan.get("dryRun").asBoolean()).isTrue();
            assertThat(plan.get("messagesInWindow").asLong()).isEqualTo(6);
            assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(4);
            assertThat(plan.get("filteredOut").asLong()).isEqualTo(2);
            assertThat(plan.get("tags").asText()).isEqualTo("red");
            assertThat(retryEnd()).as("a dry run publishes nothing").isZero();

            CliRun unconfirmed = run(replay);
            assertThat(unconfirmed.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(unconfirmed.err()).contains("Not confirmed: nothing replayed");

            CliRun done = run(CliRun.concat(replay, "--yes"));
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(done.out()).contains("Replayed 4 messages into %RETRY%" + group);
            consumer.await(() -> window.stream().allMatch(b -> consumer.deliveries(b) == 2), PATIENCE,
                    "the window once more");

            CliRun twice = run(CliRun.concat(replay, "--yes"));
            assertThat(twice.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(twice.err()).contains("Messages of this window were replayed to group " + group + " already")
                    .contains("use --again").contains("Nothing was replayed");
            assertThat(retryEnd()).isEqualTo(4);

            CliRun again = run(CliRun.concat(replay, "--yes", "--again"));
            assertThat(again.exit()).as(again.err()).isZero();
            consumer.await(() -> window.stream().allMatch(b -> consumer.deliveries(b) == 3), PATIENCE,
                    "the window a third time");
            assertThat(consumer.deliveries("early")).isEqualTo(1);
            assertThat(consumer.deliveries("late")).isEqualTo(1);
            assertThat(consumer.deliveries("w-2")).isZero();

            CliRun history = run("history", "-g", group, "--journal-topic", journal, "--json");
            assertThat(history.json().findValuesAsText("kind")).as("two runs, each started and finished")
                    .containsExactly("WINDOW_REPLAY", "WINDOW_REPLAY", "WINDOW_REPLAY", "WINDOW_REPLAY");
            assertThat(history.json().findValuesAsText("state"))
                    .containsExactly("STARTED", "FINISHED", "STARTED", "FINISHED");
        }
    }

    @Test
    void wrongValuesAreUsageErrorsThatSayWhatIsAccepted() {
        String window = Long.toString(from);
        assertUsage(run("replay", "-g", group, "-t", topic, "--from", Long.toString(until), "--until", window,
                "--dry-run"), "The window is empty");
        assertUsage(run("replay", "-g", group, "-t", topic, "--from", "yesterday-ish", "--until", window,
                "--dry-run"), "yesterday-ish");
        CliRun unknownTopic = run("replay", "-g", group, "-t", "no-such-topic-" + group, "--from", window, "--until",
                Long.toString(until), "--dry-run");
        assertThat(unknownTopic.exit()).as(unknownTopic.err()).isEqualTo(Refusal.UNKNOWN_TOPIC.exitCode());
        assertThat(unknownTopic.err()).contains("not found on name server");
        assertThat(unknownTopic.out()).isEmpty();
        assertUsage(run("replay", "-g", "never-" + group, "-t", topic, "--from", window, "--until",
                Long.toString(until), "--tags", "*", "--dry-run"), "is unknown on topic");
        assertUsage(run("replay", "-g", group, "-t", topic, "--from", window, "--until", Long.toString(until),
                "--tags", "a ||", "--dry-run"), "accepted: '*'");
        assertUsage(run("replay", "-g", group, "-t", topic, "--from", window, "--until", Long.toString(until),
                "--rate", "-3/s", "--dry-run"), "Rate '-3/s' is not accepted");
        CliRun missing = run("replay", "-g", group, "-t", topic, "--from", window);
        assertThat(missing.exit()).isEqualTo(BacktrackCli.USAGE);
        assertThat(missing.err()).contains("--until");
    }

    @Test
    void anOfflineGroupNeedsTagsThenReadsTheWindowWhenItStarts(EmbeddedRocketMq mq) {
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .tags("red").start()) {
            consumer.awaitLabels(List.of("early", "w-0", "late", "later"), PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.queues(topic).stream().allMatch(q -> {
                Long offset = admin.committedOffset(q.brokerAddress(), group, q.queue());
                return offset != null && offset == admin.maxOffset(q.brokerAddress(), q.queue());
            }));
        }
        await().atMost(PATIENCE).until(() -> !admin.isOnline(group));
        String[] replay = {"replay", "-g", group, "-t", topic, "--from", Long.toString(from), "--until",
                Long.toString(until), "--journal-topic", journal, "--yes"};
        assertUsage(run(replay), "give --tags");
        CliRun done = run(CliRun.concat(replay, "--tags", "red"));
        assertThat(done.exit()).as(done.err()).isZero();
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .tags("red").start()) {
            consumer.awaitLabels(window, PATIENCE);
            assertThat(consumer.labels()).containsExactlyInAnyOrderElementsOf(window);
        }
    }

    private static void assertUsage(CliRun run, String text) {
        assertThat(run.exit()).as(run.err()).isEqualTo(BacktrackCli.USAGE);
        assertThat(run.err()).contains(text);
        assertThat(run.out()).isEmpty();
    }

    private long retryEnd() {
        long total = 0;
        for (QueueAddress q : admin.queues(MixAll.getRetryTopic(group))) {
            total += admin.maxOffset(q.brokerAddress(), q.queue());
        }
        return total;
    }

    private long send(DefaultMQProducer producer, String body, String tag) throws Exception {
        SendResult result = producer.send(new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8)));
        String address = admin.queues(topic).get(0).brokerAddress();
        soon().until(() -> admin.storeTimestampAt(address, result.getMessageQueue(), result.getQueueOffset()) != null);
        long stored = admin.storeTimestampAt(address, result.getMessageQueue(), result.getQueueOffset());
        soon().until(() -> System.currentTimeMillis() > stored + 1);
        return stored;
    }

    private static org.awaitility.core.ConditionFactory soon() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
    }
}
