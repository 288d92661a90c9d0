package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code backtrack undo}, the ids in {@code history}, and {@code rewind --follow}, on a real broker. */
class UndoAndFollowCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static CliRun run(String input, String... args) {
        return CliRun.against(MQ.nameServerAddress(), input, System.getenv(), args);
    }

    /** A topic of one queue with 10 messages, and the group's committed offset at its end. */
    private static MessageQueue consumedTopic(EmbeddedRocketMq mq, String topic, String group) throws Exception {
        mq.createTopic(topic, 1);
        TestClients.send(mq.nameServerAddress(), topic, "m-", 10);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        try (RocketMqAdmin admin = admin()) {
            admin.ensureGroup(address(mq), group);
            admin.writeOffset(address(mq), group, queue, 10);
        }
        return queue;
    }

    @Test
    void undoPutsBackTheOffsetsHistoryShowsIdsAndASecondUndoOrAnUnknownIdIsRefused(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "undo-cli";
        String group = "undo-cli-g";
        String journal = "UNDO_CLI_JOURNAL";
        MessageQueue queue = consumedTopic(mq, topic, group);
        CliRun rewind = run("", "rewind", "-g", group, "-t", topic, "--shift-by", "-4", "--yes", "--json",
                "--journal-topic", journal);
        assertThat(rewind.exit()).as(rewind.err()).isZero();
        String id = JSON.readTree(rewind.out()).get("id").asText();
        assertThat(id).matches("[0-9a-z]{12}");
        assertThat(committed(mq, group, queue)).isEqualTo(6);

        CliRun table = run("", "history", "-g", group, "--journal-topic", journal);
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).startsWith(id + " ").contains("OFFLINE_WRITE");

        CliRun dry = run("", "undo", id, "--dry-run", "--journal-topic", journal);
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run: nothing changed.");
        assertThat(committed(mq, group, queue)).isEqualTo(6);

        CliRun declined = run("n\n", "undo", id, "--journal-topic", journal);
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.err()).contains("Proceed? [y/N]").contains("Not confirmed");
        assertThat(committed(mq, group, queue)).isEqualTo(6);

        CliRun undo = run("", "undo", id, "--yes", "--json", "--journal-topic", journal);
        assertThat(undo.exit()).as(undo.err()).isZero();
        JsonNode result = JSON.readTree(undo.out());
        assertThat(result.get("undoes").asText()).isEqualTo(id);
        assertThat(result.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(result.get("verifiedOffsets").get("broker-a/0").asLong()).isEqualTo(10);
        assertThat(committed(mq, group, queue)).isEqualTo(10);
        String undoId = result.get("id").asText();

        JsonNode history = JSON.readTree(run("", "history", "-g", group, "--json", "--journal-topic", journal).out());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("id").asText()).isEqualTo(id);
        assertThat(history.get(0).get("undoneBy").asText()).isEqualTo(undoId);
        assertThat(history.get(1).get("kind").asText()).isEqualTo("UNDO");
        assertThat(history.get(1).get("undoes").asText()).isEqualTo(id);
        assertThat(run("", "history", "-g", group, "--journal-topic", journal).out())
                .contains("undone by " + undoId).contains("undoes " + id);

        CliRun again = run("", "undo", id, "--yes", "--journal-topic", journal);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already undone by " + undoId);
        assertThat(committed(mq, group, queue)).isEqualTo(10);

        CliRun unknown = run("", "undo", "nosuchid", "--yes", "--journal-topic", journal);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nosuchid'").contains("see backtrack history");
    }

    @Test
    void rewindFollowPrintsProgressLinesUntilTheGroupIsBack(EmbeddedRocketMq mq) throws Exception {
        String group = "follow-lines-g";
        String topic = "follow-lines";
        MessageQueue queue = consumedTopic(mq, topic, group);
        CliRun run = followWhileConsuming(mq, queue, group, "rewind", "-g", group, "-t", topic, "--shift-by", "-4",
                "--yes", "--follow", "--journal-topic", "FOLLOW_JOURNAL");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().filter(l -> l.startsWith("replayed ")).toList();
        assertThat(lines.get(0)).matches("replayed 0/4 \\(0%\\) \\d+ msg/s ETA (\\?|\\d+s)");
        assertThat(lines.get(lines.size() - 1)).startsWith("replayed 4/4 (100%)")
                .endsWith("; done: the group is back where the rewind found it");
    }

    @Test
    void rewindFollowJsonPrintsOneEventPerLineThenDone(EmbeddedRocketMq mq) throws Exception {
        String group = "follow-json-g";
        String topic = "follow-json";
        MessageQueue queue = consumedTopic(mq, topic, group);
        CliRun run = followWhileConsuming(mq, queue, group, "rewind", "-g", group, "-t", topic, "--shift-by", "-4",
                "--yes", "--follow", "--json", "--journal-topic", "FOLLOW_JOURNAL");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        String id = lines.get(0).get("id").asText();
        assertThat(lines.get(0).get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(lines.get(1).get("event").asText()).isEqualTo("progress");
        assertThat(lines.get(1).get("id").asText()).isEqualTo(id);
        assertThat(lines.get(1).get("total").asLong()).isEqualTo(4);
        JsonNode done = lines.get(lines.size() - 1);
        assertThat(done.get("event").asText()).isEqualTo("done");
        assertThat(done.get("replayed").asLong()).isEqualTo(4);
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("done").asBoolean()).isTrue();
    }

    @Test
    void followingStopsAfterTheTimeoutWithExitCode1AndTheReplayGoesOn(EmbeddedRocketMq mq) throws Exception {
        String group = "follow-timeout-g";
        String topic = "follow-timeout";
        MessageQueue queue = consumedTopic(mq, topic, group);
        CliRun run = run("", "rewind", "-g", group, "-t", topic, "--shift-by", "-4", "--yes", "--follow", "--json",
                "--follow-timeout", "1s", "--journal-topic", "FOLLOW_JOURNAL");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Stopped following after 1 s (--follow-timeout): the replay goes on (0/4 replayed)");
        List<String> lines = run.out().lines().toList();
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("event").asText()).isEqualTo("stopped");
        assertThat(committed(mq, group, queue)).as("the rewind stands").isEqualTo(6);
    }

    /** Runs the CLI while a consumer of the group, started once the rewind has moved the offset, replays. */
    private static CliRun followWhileConsuming(EmbeddedRocketMq mq, MessageQueue queue, String group, String... args)
            throws Exception {
        CompletableFuture<CliRun> cli = CompletableFuture.supplyAsync(() -> run("", args));
        await().atMost(PATIENCE).until(() -> Long.valueOf(6).equals(committed(mq, group, queue)));
        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), group, queue.getTopic())) {
            consumer.awaitCount(4, PATIENCE);
            return cli.get(60, TimeUnit.SECONDS);
        }
    }

    private static Long committed(EmbeddedRocketMq mq, String group, MessageQueue queue) {
        try (RocketMqAdmin admin = admin()) {
            return admin.committedOffset(address(mq), group, queue);
        }
    }

    private static RocketMqAdmin admin() {
        return new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
    }

    private static String address(EmbeddedRocketMq mq) {
        return mq.brokers().get(0).address();
    }
}
