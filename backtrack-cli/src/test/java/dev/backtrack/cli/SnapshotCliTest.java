package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.position.NamedQueues;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backtrack snapshot} and {@code restore}, {@code offsets --export} and {@code rewind --from-file}, and what
 * {@code history} shows of them, on the shared single broker (offline groups): what moves is read back, replays are
 * checked against a ledger, and every wrong value is a clear error with nothing moved.
 */
class SnapshotCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> FOUR_QUEUES = List.of("broker-a/0", "broker-a/1", "broker-a/2", "broker-a/3");

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @TempDir
    Path files;

    private static CliRun run(String journal, String... args) {
        return CliRun.onJournal(MQ.nameServerAddress(), journal, args);
    }

    @Test
    void restoringASnapshotPutsEveryQueueBackAndReplaysWhatCameSinceExactlyOnce(EmbeddedRocketMq mq)
            throws Exception {
        String topic = "snap-restore";
        String group = "snap-restore-g";
        String journal = "SNAP_RESTORE_JOURNAL";
        mq.createTopic(topic, 2);
        TestClients.send(mq.nameServerAddress(), topic, 6, i -> "r-" + i);
        consumeAll(group, topic, 6);
        Map<String, Long> kept = NamedQueues.committed(admin, group, topic);
        assertThat(kept.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);

        CliRun snapshot = run(journal, "snapshot", "-g", group, "--name", "before", "--json");
        assertThat(snapshot.exit()).as(snapshot.err()).isZero();
        JsonNode taken = snapshot.json();
        assertThat(taken.get("name").asText()).isEqualTo("before");
        String batch = taken.get("batch").asText();
        assertThat(taken.get("entries")).hasSize(1); // the group's retry topic is left out
        assertThat(taken.get("entries").get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(taken.get("entries").get(0).get("kind").asText()).isEqualTo("SNAPSHOT");
        assertThat(taken.get("entries").get(0).get("actor").asText()).contains("backtrack CLI");

        List<String> since = IntStream.range(6, 12).mapToObj(i -> "r-" + i).toList();
        TestClients.send(mq.nameServerAddress(), topic, 6, i -> since.get(i));
        consumeAll(group, topic, 6);
        Map<String, Long> after = NamedQueues.committed(admin, group, topic);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);

        CliRun dry = run(journal, "restore", "before", "-g", group, "--dry-run", "--zone", "UTC");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Restore of snapshot before (batch " + batch + ", taken ")
                .contains("Rewind plan: group " + group + ", topic " + topic + ", to snapshot before")
                .contains("REPLAY").contains("6 messages to replay, 0 to skip").contains("Dry run: nothing changed.");
        assertThat(NamedQueues.committed(admin, group, topic)).as("a dry run moves nothing").isEqualTo(after);

        CliRun declined = CliRun.against(MQ.nameServerAddress(), "n\n", Map.of(), "restore", batch,
                "--journal-topic", journal);
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.err()).contains("Proceed? [y/N]").contains("Not confirmed: nothing changed");
        assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(after);

        CliRun restore = run(journal, "restore", "before", "-g", group, "--yes", "--json");
        assertThat(restore.exit()).as(restore.err()).isZero();
        JsonNode restored = restore.json();
        assertThat(restored.get("dryRun").asBoolean()).isFalse();
        assertThat(restored.get("messagesToReplay").asLong()).isEqualTo(6);
        String restoreBatch = restored.get("batch").asText();
        assertThat(restoreBatch).isNotEqualTo(batch).matches("[0-9a-z]{12}");
        JsonNode moved = restored.get("topics").get(0);
        assertThat(moved.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        kept.forEach((queue, offset) -> assertThat(moved.get("verifiedOffsets").get(queue).asLong()).isEqualTo(offset));
        assertThat(NamedQueues.committed(admin, group, topic)).as("read back").isEqualTo(kept);

        DeliveryLedger ledger = new DeliveryLedger();
        long from = System.currentTimeMillis();
        try (RecordingConsumer again = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .onMessage(m -> ledger.delivered(RecordingConsumer.BODY.apply(m))).start()) {
            again.awaitLabels(since, PATIENCE);
        }
        List<String> sent = IntStream.range(0, 12).mapToObj(i -> "r-" + i).toList();
        DeliveryLedger.Comparison comparison = ledger.compare(sent, since, from);
        assertThat(comparison.exact()).as(comparison.toString()).isTrue();

        JsonNode history = run(journal, "history", "-g", group, "--json").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("SNAPSHOT");
        assertThat(history.get(0).get("name").asText()).isEqualTo("before");
        assertThat(history.get(0).get("batch").asText()).isEqualTo(batch);
        assertThat(history.get(1).get("kind").asText()).isEqualTo("REWIND");
        assertThat(history.get(1).get("requestedTime").asText()).startsWith("snapshot before");
        assertThat(history.get(1).get("batch").asText()).isEqualTo(restoreBatch);
        assertThat(history.get(1).get("actor").asText()).contains("backtrack CLI");
        String text = run(journal, "history", "-g", group).out();
        assertThat(text).contains("Snapshots (backtrack restore NAME|BATCH):")
                .containsPattern("before +" + batch + " +" + group + " .* " + topic + " +2\\n")
                .contains(restoreBatch);
    }

    @Test
    void anExportedFileEditedOnOneRowMovesExactlyThatQueue(EmbeddedRocketMq mq) throws Exception {
        String topic = "snap-export";
        String group = "snap-export-g";
        fourQueuesAtFive(mq, topic, group);
        String journal = "SNAP_EXPORT_JOURNAL";
        Path file = files.resolve("offsets.csv");

        CliRun export = run(journal, "offsets", "-g", group, "-t", topic, "--export", file.toString(), "--json");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.json().get("rows").asInt()).isEqualTo(4);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly("topic,broker,queue,offset", topic + ",broker-a,0,5", topic + ",broker-a,1,5",
                topic + ",broker-a,2,5", topic + ",broker-a,3,5");

        List<String> edited = new ArrayList<>(lines);
        edited.set(3, topic + ",broker-a,2,1");
        Files.write(file, edited);
        CliRun dry = run(journal, "rewind", "-g", group, "--from-file", file.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("to file offsets.csv").contains("4 messages to replay, 0 to skip")
                .contains("Dry run: nothing changed.");
        assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(fiveEach());

        CliRun rewind = run(journal, "rewind", "-g", group, "--from-file", file.toString(), "--yes", "--json");
        assertThat(rewind.exit()).as(rewind.err()).isZero();
        JsonNode result = rewind.json();
        assertThat(result.get("asked").asText()).isEqualTo("file offsets.csv");
        Map<String, Long> expected = fiveEach();
        expected.put("broker-a/2", 1L);
        assertThat(NamedQueues.committed(admin, group, topic)).as("read back").isEqualTo(expected);

        edited.set(4, topic + ",broker-a,3,99");
        Files.write(file, edited);
        CliRun clamped = run(journal, "rewind", "-g", group, "--from-file", file.toString(), "--dry-run");
        assertThat(clamped.exit()).as(clamped.err()).isZero();
        assertThat(clamped.out()).contains("Note: broker-a/3: offset 99 is above the max offset 5 (the next offset to "
                + "be written); clamped to 5");

        JsonNode history = run(journal, "history", "-g", group, "--json").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("EXPORT");
        assertThat(history.get(0).get("requestedTime").asText()).isEqualTo("export offsets.csv");
        assertThat(history.get(0).get("batch").asText()).isEqualTo(export.json().get("batch").asText());
        assertThat(history.get(1).get("kind").asText()).isEqualTo("REWIND");
        assertThat(history.get(1).get("batch").asText()).isEqualTo(result.get("batch").asText());
        String text = run(journal, "history", "-g", group).out();
        assertThat(text).contains("Exports:").containsPattern("offsets.csv +" + history.get(0).get("batch").asText());
    }

    @Test
    void wrongFilesAndSnapshotNamesAreClearErrorsAndNothingMoves(EmbeddedRocketMq mq) throws Exception {
        String topic = "snap-wrong";
        String group = "snap-wrong-g";
        fourQueuesAtFive(mq, topic, group);
        String journal = "SNAP_WRONG_JOURNAL";
        String header = "topic,broker,queue,offset\n";
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("", "Offsets file wrong.csv is empty; nothing was changed.");
        wrong.put(header, "no rows after the header");
        wrong.put("topic,queue,offset\n" + topic + ",broker-a,0,1\n", "line 1: the header is 'topic,queue,offset'; "
                + "accepted: exactly 'topic,broker,queue,offset'");
        wrong.put(header + topic + ",broker-a,0,1\n" + topic + ",broker-a,x,3\n", "line 3: queue 'x' is not a queue "
                + "id; accepted: TOPIC,BROKER,QUEUE_ID,OFFSET");
        wrong.put(header + topic + ",broker-a,0,1\n" + topic + ",broker-a,1\n", "line 3: '" + topic + ",broker-a,1' "
                + "has 3 fields, not 4");
        wrong.put(header + topic + ",broker-a,0,1\n" + topic + ",broker-a,9,1\n", "line 3: topic " + topic + " has "
                + "no queue broker-a/9; accepted: one of its queues (broker-a/0, broker-a/1, broker-a/2, broker-a/3)");
        wrong.put(header + topic + ",broker-a,0,1\n" + topic + ",broker-a,0,2\n", "line 3: topic " + topic
                + " queue broker-a/0 is already on line 2; accepted: one row per queue");
        wrong.put(header + topic + ",broker-a,0,1\nsnap-no-such-topic,broker-a,0,1\n", "line 3: topic "
                + "snap-no-such-topic is not found on the cluster");
        Path file = files.resolve("wrong.csv");
        for (Map.Entry<String, String> bad : wrong.entrySet()) {
            Files.writeString(file, bad.getKey(), StandardCharsets.UTF_8);
            CliRun run = run(journal, "rewind", "-g", group, "--from-file", file.toString(), "--yes");
            assertThat(run.exit()).as("%s: %s", bad.getKey(), run.err()).isEqualTo(2);
            assertThat(run.err()).as(bad.getKey()).contains(bad.getValue());
            assertThat(NamedQueues.committed(admin, group, topic)).as(bad.getKey()).isEqualTo(fiveEach());
        }
        CliRun missing = run(journal, "rewind", "-g", group, "--from-file", files.resolve("none.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Cannot read offsets file").contains("NoSuchFileException");
        CliRun withTopic = run(journal, "rewind", "-g", group, "-t", topic, "--from-file", file.toString());
        assertThat(withTopic.exit()).isEqualTo(2);
        assertThat(withTopic.err()).contains("leave out -t/--topic");
        CliRun plan = run(journal, "plan", "-g", group, "-t", topic, "--from-file", file.toString());
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("--from-file is taken by backtrack rewind only");

        CliRun first = run(journal, "snapshot", "-g", group, "-t", topic, "--name", "dup");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Snapshot dup of group " + group + " recorded").contains("4 queue(s)");
        CliRun taken = run(journal, "snapshot", "-g", group, "-t", topic, "--name", "dup");
        assertThat(taken.exit()).isEqualTo(2);
        assertThat(taken.err()).contains("Group '" + group + "' already has a snapshot named 'dup'; nothing was "
                + "recorded");
        CliRun badName = run(journal, "snapshot", "-g", group, "--name", "no spaces");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("Snapshot name 'no spaces' is not accepted; accepted: 1 to 64 letters");
        CliRun noOffsets = run(journal, "snapshot", "-g", "snap-wrong-nobody", "-t", topic);
        assertThat(noOffsets.exit()).isEqualTo(2);
        assertThat(noOffsets.err()).contains("has no committed offset on topic(s) " + topic);
        CliRun unknown = run(journal, "restore", "no-such-snapshot", "-g", group, "--yes");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("No snapshot has the name or id 'no-such-snapshot' for group " + group)
                .contains("accepted: a snapshot's name or batch id: dup");
        assertThat(run(journal, "history", "-g", group, "--json").json()).as("one snapshot recorded").hasSize(1);
        assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(fiveEach());
    }

    @Test
    void theNewCommandsAndOptionsHaveHelpAndATopicIsStillRequiredWithoutThem() {
        for (List<String> args : List.of(List.of("snapshot", "--help"), List.of("restore", "--help"))) {
            CliRun help = CliRun.of(args, "", Map.of());
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Usage: backtrack " + args.get(0)).contains("--namesrv");
        }
        assertThat(CliRun.of(List.of("offsets", "--help"), "", Map.of()).out()).contains("--export=FILE")
                .contains("topic,broker,queue,offset");
        assertThat(CliRun.of(List.of("rewind", "--help"), "", Map.of()).out()).contains("--from-file=FILE");
        assertThat(CliRun.of(List.of("--help"), "", Map.of()).out()).contains("snapshot").contains("restore");
        CliRun rewindWithoutTopic = CliRun.of(List.of("rewind", "-g", "g", "--to", "-1h"), "", Map.of());
        assertThat(rewindWithoutTopic.exit()).isEqualTo(2);
        assertThat(rewindWithoutTopic.err()).contains("Missing -t/--topic; accepted: -g GROUP -t TOPIC")
                .contains("-g GROUP --from-file FILE");
        CliRun offsetsWithoutTopic = CliRun.of(List.of("offsets", "-g", "g"), "", Map.of());
        assertThat(offsetsWithoutTopic.exit()).isEqualTo(2);
        assertThat(offsetsWithoutTopic.err()).contains("Missing required option: '--topic=<topic>'");
    }

    /** A topic of four queues of 5 messages each, and {@code group}'s committed offsets at their ends. */
    private void fourQueuesAtFive(EmbeddedRocketMq mq, String topic, String group) throws Exception {
        NamedQueues.fill(mq, topic, 4, FOUR_QUEUES, 5);
        NamedQueues.commit(admin, mq, group, topic, fiveEach());
    }

    private static Map<String, Long> fiveEach() {
        Map<String, Long> offsets = new java.util.TreeMap<>();
        FOUR_QUEUES.forEach(queue -> offsets.put(queue, 5L));
        return offsets;
    }

    /** Consumes {@code count} new messages as {@code group}; closing stores its offsets. */
    /**
     * Has the group consume {@code count} new messages of the topic, and stops it once the broker holds its offsets
     * at the end of every queue (a consumer commits every few seconds, and on its way out only one way).
     */
    private void consumeAll(String group, String topic, int count) {
        try (RecordingConsumer consumer = RecordingConsumer.start(MQ.nameServerAddress(), group, topic)) {
            consumer.awaitCount(count, PATIENCE);
            consumer.await(() -> new OffsetsReader(admin).read(group, topic).stream().allMatch(q ->
                    Long.valueOf(q.maxOffset()).equals(q.committedOffset())), PATIENCE,
                    "group " + group + " commits the end of every queue");
        }
    }
}
