package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.position.NamedQueues;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} and {@code rewind} with --all-groups and --all-topics, and {@code undo BATCH}, against a real broker
 * (offline groups): wrong combinations (exit 2, nothing moves), the plan table and its JSON, the confirmation, the
 * batch id, and the undo of the batch.
 */
class BatchCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String JOURNAL = "BATCH_CLI_JOURNAL";
    private static final Map<String, Long> END = Map.of("broker-a/0", 3L, "broker-a/1", 3L);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    private static CliRun run(String input, String... args) {
        return CliRun.against(MQ.nameServerAddress(), input, Map.of(),
                CliRun.concat(args, "--journal-topic", JOURNAL));
    }

    private static CliRun plan(String... args) {
        return CliRun.onJournal(MQ.nameServerAddress(), JOURNAL, CliRun.concat(new String[] {"plan"}, args));
    }

    @Test
    void wrongCombinationsAreUsageErrorsNamingTheAcceptedForms(EmbeddedRocketMq mq) throws Exception {
        String accepted = "accepted: -g GROUP -t TOPIC (one group on one topic), -t TOPIC --all-groups (every group "
                + "of the topic), -g GROUP --all-topics (the group on every topic it consumes) or, for rewind, "
                + "-g GROUP --from-file FILE (the group on the queues the file's rows name).";
        Map<List<String>, String> wrong = new LinkedHashMap<>();
        wrong.put(List.of("--all-groups", "-g", "g", "-t", "t"), "error: --all-groups moves every group of the "
                + "topic, so it takes no -g/--group; " + accepted);
        wrong.put(List.of("--all-groups", "--all-topics", "-t", "t"), "error: --all-groups and --all-topics cannot "
                + "be used together; " + accepted);
        wrong.put(List.of("--all-groups"), "error: --all-groups needs the topic: -t TOPIC; " + accepted);
        wrong.put(List.of("--all-topics", "-g", "g", "-t", "t"), "error: --all-topics moves the group on every topic "
                + "it consumes, so it takes no -t/--topic; " + accepted);
        wrong.put(List.of("--all-topics"), "error: --all-topics needs the group: -g GROUP; " + accepted);
        wrong.put(List.of("-g", "g", "-t", "t", "--skip-refused"), "error: --skip-refused applies to --all-groups "
                + "or --all-topics only; " + accepted);
        wrong.put(List.of("-t", "t"), "error: Missing -g/--group; " + accepted);
        wrong.put(List.of("--all-groups", "-t", "t", "--queue", "broker-a/0"), "error: --queue cannot be used with "
                + "--all-groups or --all-topics");
        for (String command : List.of("plan", "rewind")) {
            wrong.forEach((args, error) -> {
                String[] line = CliRun.concat(CliRun.concat(new String[] {command}, args.toArray(String[]::new)),
                        "--to-offset", "0");
                CliRun result = run("", command.equals("rewind") ? CliRun.concat(line, "--yes") : line);
                assertThat(result.exit()).as(command + " " + args + ": " + result.err()).isEqualTo(2);
                assertThat(result.err()).as(command + " " + args).startsWith(error);
            });
        }

        String lonely = "batch-cli-lonely";
        mq.createTopic(lonely, 1);
        CliRun none = run("", "rewind", "--all-groups", "-t", lonely, "--to-offset", "0", "--yes");
        assertThat(none.exit()).as(none.err()).isEqualTo(2);
        assertThat(none.err()).startsWith("error: Topic '" + lonely + "' has no consumer group: none holds committed "
                + "offsets on it or consumes it online, so there is nothing to rewind; name the group to rewind it "
                + "alone");
    }

    @Test
    void planShowsOneTableGroupedByGroupAndTopicAndItsJson(EmbeddedRocketMq mq) throws Exception {
        String topic = "batch-cli-plan";
        NamedQueues.fill(mq, topic, 2, List.of("broker-a/0", "broker-a/1"), 3);
        List<String> groups = List.of("batch-cli-plan-a", "batch-cli-plan-b");
        groups.forEach(group -> NamedQueues.commit(admin, mq, group, topic, END));
        String other = "batch-cli-plan-2";
        NamedQueues.fill(mq, other, 2, List.of("broker-a/0"), 3);
        NamedQueues.commit(admin, mq, groups.get(0), other, Map.of("broker-a/0", 3L));

        CliRun text = plan("--all-groups", "-t", topic, "--shift-by", "-2");

        assertThat(text.exit()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("Batch rewind plan: every group of topic '" + topic + "', shift -2 "
                + "messages from the committed offsets: 2 group(s), 1 topic(s), 4 queue(s)");
        assertThat(lines.get(1)).matches("GROUP +TOPIC +BROKER +QUEUE +COMMITTED +REQUESTED +TARGET +MIN +MAX +"
                + "TARGET STORE TIME +REPLAY +SKIP");
        String queue = " +" + topic + " +broker-a +%d +3 +1 +1 +0 +3 +\\S+ +2 +0";
        assertThat(lines.subList(2, 6)).satisfiesExactly(
                row -> assertThat(row).matches(groups.get(0) + queue.formatted(0)),
                row -> assertThat(row).matches(groups.get(0) + queue.formatted(1)),
                row -> assertThat(row).matches(groups.get(1) + queue.formatted(0)),
                row -> assertThat(row).matches(groups.get(1) + queue.formatted(1)));
        assertThat(lines.get(6)).matches("TOTAL[ -]+ 8 +0");

        CliRun json = plan("--all-topics", "-g", groups.get(0), "--to-offset", "1", "--json");

        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode document = json.json();
        assertThat(document.get("scope").asText()).isEqualTo("every topic of group '" + groups.get(0) + "'");
        assertThat(document.get("batch").isNull()).isTrue();
        assertThat(document.get("dryRun").asBoolean()).isTrue();
        assertThat(document.get("groups").toString()).isEqualTo("[\"" + groups.get(0) + "\"]");
        assertThat(document.get("topics").toString()).isEqualTo("[\"" + topic + "\",\"" + other + "\"]");
        assertThat(document.get("queues").asInt()).isEqualTo(4);
        assertThat(document.get("messagesToReplay").asLong()).isEqualTo(6);
        assertThat(document.get("plans")).hasSize(2);
        assertThat(document.get("plans").get(0).get("group").asText()).isEqualTo(groups.get(0));
        assertThat(document.get("plans").get(0).get("complete").asBoolean()).isTrue();
        assertThat(document.get("refused")).isEmpty();
        assertThat(document.get("pairs")).isEmpty();
        groups.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(END));

        CliRun moved = run("", "rewind", "--all-topics", "-g", groups.get(1), "--to-offset", "1", "--yes", "--json");

        assertThat(moved.exit()).as(moved.err()).isZero();
        JsonNode result = moved.json();
        assertThat(result.get("batch").asText()).hasSize(12);
        assertThat(result.get("dryRun").asBoolean()).isFalse();
        assertThat(result.get("pairs")).singleElement().satisfies(pair -> {
            assertThat(pair.get("group").asText()).isEqualTo(groups.get(1));
            assertThat(pair.get("topic").asText()).isEqualTo(topic);
            assertThat(pair.get("status").asText()).isEqualTo("MOVED");
            assertThat(pair.get("id").asText()).hasSize(12);
            assertThat(pair.get("verifiedOffsets").toString()).isEqualTo("{\"broker-a/0\":1,\"broker-a/1\":1}");
        });
    }

    @Test
    void rewindAsksOnceNamesTheBatchAndUndoOfTheBatchPutsEveryQueueBack(EmbeddedRocketMq mq) throws Exception {
        String topic = "batch-cli-rewind";
        NamedQueues.fill(mq, topic, 2, List.of("broker-a/0", "broker-a/1"), 3);
        List<String> groups = List.of("batch-cli-rewind-a", "batch-cli-rewind-b", "batch-cli-rewind-c");
        groups.forEach(group -> NamedQueues.commit(admin, mq, group, topic, END));

        CliRun refused = run("n\n", "rewind", "--all-groups", "-t", topic, "--to-offset", "0");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Rewind 3 group(s) (" + String.join(", ", groups) + ") on 1 topic(s) ("
                + topic + "): 6 queue(s) move, 18 messages will be replayed. Proceed? [y/N] ")
                .contains("Not confirmed: nothing changed");
        groups.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(END));

        CliRun done = run("", "rewind", "--all-groups", "-t", topic, "--to-offset", "0", "--yes");

        assertThat(done.exit()).as(done.err()).isZero();
        Matcher id = Pattern.compile("Batch id: (\\S+) \\(backtrack undo \\1 puts every one back\\)")
                .matcher(done.out());
        assertThat(id.find()).as(done.out()).isTrue();
        String batch = id.group(1);
        assertThat(done.out()).contains("Rewound batch " + batch + ": 3 group/topic pair(s), each verified on every "
                + "broker:").contains("  group batch-cli-rewind-b, topic " + topic + ": moved (OFFLINE_WRITE), read "
                        + "back {broker-a/0=0, broker-a/1=0}, journal id ");
        groups.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic))
                .isEqualTo(Map.of("broker-a/0", 0L, "broker-a/1", 0L)));

        CliRun undo = run("", "undo", batch, "--yes", "--json");

        assertThat(undo.exit()).as(undo.err()).isZero();
        JsonNode document = undo.json();
        assertThat(document.get("batch").asText()).isEqualTo(batch);
        assertThat(document.get("undoBatch").asText()).isNotEqualTo(batch);
        assertThat(document.get("entries")).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.get("status").asText()).isEqualTo("MOVED");
            assertThat(entry.get("verifiedOffsets").toString()).isEqualTo("{\"broker-a/0\":3,\"broker-a/1\":3}");
        });
        groups.forEach(group -> assertThat(NamedQueues.committed(admin, group, topic)).isEqualTo(END));

        CliRun again = run("", "undo", batch, "--yes");
        assertThat(again.exit()).as(again.err()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: Batch " + batch + " cannot be undone: ")
                .contains("was already undone by");
        CliRun unknown = run("", "undo", "no-such-batch", "--yes");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: No journal entry has id 'no-such-batch'");
    }
}
