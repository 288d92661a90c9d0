package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.position.NamedQueues;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} and {@code rewind} with --to-offset, --shift-by, --to-group-of and --queue against a real two-broker
 * cluster (offline groups): plans and notes, what moves and what is recorded, and wrong values (exit 2, nothing moves).
 */
class PositionCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "cli-positions";
    private static final List<String> QUEUES = List.of("broker-a/0", "broker-a/1", "broker-b/0", "broker-b/1");

    static CliRun run(String... args) {
        return CliRun.against(MQ.nameServerAddress(), "", System.getenv(), args);
    }

    @BeforeAll
    static void tenNamedQueues(EmbeddedRocketMq mq) throws Exception {
        NamedQueues.fill(mq, TOPIC, 2, QUEUES, 10);
    }

    @Test
    void planToOneOffsetNotesEveryClampedQueue() throws Exception {
        commit("cli-pos-clamp", Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));

        CliRun text = run("plan", "-g", "cli-pos-clamp", "-t", TOPIC, "--to-offset", "12", "--queue", "broker-a/1",
                "--queue", "broker-b/0,broker-b/1");

        assertThat(text.exit()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Rewind plan: group cli-pos-clamp, topic cli-positions, to offset 12, only "
                + "on broker-a/1, broker-b/0, broker-b/1");
        assertThat(lines.get(1)).startsWith("BROKER    QUEUE  COMMITTED  REQUESTED  TARGET");
        assertThat(text.out()).contains("Not moved: broker-a/0 (they keep their offsets)")
                .contains("Note: broker-a/1: offset 12 is above the max offset 10 (the next offset to be written); "
                        + "clamped to 10")
                .contains("Note: broker-b/1: offset 12 is above the max offset 10");

        CliRun json = run("plan", "-g", "cli-pos-clamp", "-t", TOPIC, "--to-offset", "broker-a/0=3,broker-b/1=99",
                "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode plan = JSON.readTree(json.out());
        assertThat(plan.get("position").asText()).isEqualTo("offsets broker-a/0=3,broker-b/1=99");
        assertThat(plan.get("queues")).hasSize(2);
        assertThat(plan.get("queues").get(0).get("targetOffset").asLong()).isEqualTo(3);
        assertThat(plan.get("queues").get(0).get("clamped").asBoolean()).isFalse();
        assertThat(plan.get("queues").get(1).get("requestedOffset").asLong()).isEqualTo(99);
        assertThat(plan.get("queues").get(1).get("targetOffset").asLong()).isEqualTo(10);
        assertThat(plan.get("queues").get(1).get("clamped").asBoolean()).isTrue();
        assertThat(plan.get("untouchedQueues").toString()).isEqualTo("[\"broker-a/1\",\"broker-b/0\"]");
        assertThat(plan.get("notes")).hasSize(1);
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(7);
        assertThat(plan.get("complete").asBoolean()).isTrue();
        assertThat(offsets("cli-pos-clamp").values()).as("a plan changes nothing").containsOnly(10L);
    }

    @Test
    void planToAnotherGroupShowsBothGroupsSideBySide() {
        commit("cli-pos-copy", Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        commit("cli-pos-model", Map.of("broker-a/0", 4L, "broker-a/1", 5L, "broker-b/0", 6L, "broker-b/1", 7L));

        CliRun text = run("plan", "-g", "cli-pos-copy", "-t", TOPIC, "--to-group-of", "cli-pos-model", "--zone", "UTC");

        assertThat(text.exit()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Rewind plan: group cli-pos-copy, topic cli-positions, to the committed "
                + "offsets of group cli-pos-model");
        assertThat(lines.get(1)).startsWith("BROKER    QUEUE  COMMITTED  cli-pos-model COMMITTED  REQUESTED  TARGET");
        assertThat(lines.get(2)).matches("broker-a      0         10                        4          4       4 .*");
        assertThat(lines.get(5)).matches("broker-b      1         10                        7          7       7 .*");
        assertThat(lines.get(6)).startsWith("TOTAL").endsWith("18     0");
    }

    @Test
    void rewindByAShiftOnOneQueueMovesOnlyThatQueueAndRecordsWhatWasAsked() throws Exception {
        commit("cli-pos-shift", Map.of("broker-a/0", 10L, "broker-a/1", 9L, "broker-b/0", 8L, "broker-b/1", 7L));

        CliRun run = run("rewind", "-g", "cli-pos-shift", "-t", TOPIC, "--shift-by", "-3", "--queue", "broker-a/1",
                "--yes", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(result.get("position").asText()).isEqualTo("shift -3");
        assertThat(result.get("verifiedOffsets").toString()).isEqualTo("{\"broker-a/1\":6}");
        assertThat(result.get("messagesToReplay").asLong()).isEqualTo(3);
        assertThat(result.get("untouchedQueues")).hasSize(3);
        assertThat(offsets("cli-pos-shift")).containsExactly(Map.entry("broker-a/0", 10L), Map.entry("broker-a/1", 6L),
                Map.entry("broker-b/0", 8L), Map.entry("broker-b/1", 7L));

        CliRun forward = run("rewind", "-g", "cli-pos-shift", "-t", TOPIC, "--shift-by=+5", "--yes");
        assertThat(forward.exit()).as(forward.err()).isZero();
        assertThat(forward.out()).contains("Note: broker-a/0: committed offset 10 shifted by 5 = 15 is above the max "
                + "offset 10 (the next offset to be written); clamped to 10").contains("Rewound (OFFLINE_WRITE)");
        assertThat(offsets("cli-pos-shift")).containsExactly(Map.entry("broker-a/0", 10L), Map.entry("broker-a/1", 10L),
                Map.entry("broker-b/0", 10L), Map.entry("broker-b/1", 10L));

        CliRun history = run("history", "-g", "cli-pos-shift", "--json");
        JsonNode entries = JSON.readTree(history.out());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("requestedTime").asText()).isEqualTo("shift -3 on broker-a/1");
        assertThat(entries.get(0).get("queues")).hasSize(1);
        assertThat(entries.get(1).get("requestedTime").asText()).isEqualTo("shift +5");
        assertThat(entries.get(1).get("timestamp").asLong()).isEqualTo(-1);
    }

    @Test
    void rewindToOffsetsAndToAnotherGroupMoveTheGroupThere() throws Exception {
        commit("cli-pos-to", Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        CliRun offsets = run("rewind", "-g", "cli-pos-to", "-t", TOPIC, "--to-offset", "2", "--yes");
        assertThat(offsets.exit()).as(offsets.err()).isZero();
        assertThat(offsets("cli-pos-to").values()).containsOnly(2L);

        commit("cli-pos-to-model", Map.of("broker-a/0", 1L, "broker-b/1", 9L));
        CliRun copy = run("rewind", "-g", "cli-pos-to", "-t", TOPIC, "--to-group-of", "cli-pos-to-model", "--yes");
        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("Note: broker-a/1: group cli-pos-to-model has no committed offset here; not "
                + "moved").contains("Not moved: broker-a/1, broker-b/0");
        assertThat(offsets("cli-pos-to")).containsExactly(Map.entry("broker-a/0", 1L), Map.entry("broker-a/1", 2L),
                Map.entry("broker-b/0", 2L), Map.entry("broker-b/1", 9L));
    }

    @Test
    void wrongPositionsAreUsageErrorsThatSayWhatIsAcceptedAndMoveNothing() {
        commit("cli-pos-wrong", Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        String offsetForms = "accepted: one offset for every queue (e.g. 5) or a list BROKER/QUEUE_ID=OFFSET,... "
                + "(e.g. broker-a/0=5,broker-a/1=7)";
        Map<List<String>, String> wrong = new java.util.LinkedHashMap<>();
        wrong.put(List.of("--to-offset", "abc"), "--to-offset 'abc' is not an offset; " + offsetForms);
        wrong.put(List.of("--to-offset=-5"), "--to-offset '-5' is not an offset; " + offsetForms);
        wrong.put(List.of("--to-offset", "broker-a/0=5,broker-a/1"), "item 'broker-a/1' has no '='");
        wrong.put(List.of("--to-offset", "broker-a:0=5"),
                "--to-offset queue 'broker-a:0' is not a queue; accepted: BROKER/QUEUE_ID, e.g. broker-a/0");
        wrong.put(List.of("--to-offset", "broker-z/0=5"), "broker 'broker-z' of broker-z/0 holds no queue of topic "
                + "'cli-positions' in its route (brokers: broker-a, broker-b)");
        wrong.put(List.of("--to-offset", "broker-a/0=5", "--queue", "broker-a/0"),
                "A list of offsets per queue already names the queues that move");
        wrong.put(List.of("--shift-by", "abc"), "--shift-by 'abc' is not a shift; accepted: a whole number of "
                + "messages, -N (back) or +N (forward), e.g. -100");
        wrong.put(List.of("--shift-by", "-1.5"), "--shift-by '-1.5' is not a shift");
        wrong.put(List.of("--shift-by", "-1", "--queue", "broker-a"),
                "--queue 'broker-a' is not a queue; accepted: BROKER/QUEUE_ID, e.g. broker-a/0");
        wrong.put(List.of("--shift-by", "-1", "--queue", "broker-a/7"), "queue id 7 of broker-a/7 is not a queue of "
                + "topic 'cli-positions' on broker-a (queue ids: 0, 1)");
        wrong.put(List.of("--to-group-of", "cli-pos-nobody"), "Group 'cli-pos-nobody' has no committed offset on any "
                + "queue of topic 'cli-positions' (the group does not exist, or never consumed the topic): nothing to "
                + "copy");
        wrong.put(List.of("--to-group-of", "cli-pos-wrong"), "Group 'cli-pos-wrong' cannot take its own offsets");
        wrong.put(List.of("--to-group-of", "no spaces"), "--to-group-of: Consumer group name 'no spaces' has "
                + "characters RocketMQ rejects");
        wrong.put(List.of("--to", "-1h", "--shift-by", "-1"), "mutually exclusive");
        wrong.put(List.of("--to-offset", "1", "--to-group-of", "x"), "mutually exclusive");
        wrong.put(List.of(), "Missing required argument (specify one of these): (--to=TIME | "
                + "--to-offset=OFFSET|BROKER/QUEUE_ID=OFFSET,... | --shift-by=N | --to-group-of=GROUP | "
                + "--from-file=FILE)");
        wrong.forEach((position, message) -> {
            for (String command : List.of("plan", "rewind")) {
                List<String> args = new ArrayList<>(List.of(command, "-g", "cli-pos-wrong", "-t", TOPIC, "--yes"));
                if (command.equals("plan")) {
                    args.remove("--yes");
                }
                args.addAll(position);
                CliRun run = run(args.toArray(String[]::new));
                assertThat(run.exit()).as("%s %s: %s", command, position, run.err()).isEqualTo(2);
                assertThat(run.err()).as("%s %s", command, position).contains(message);
                assertThat(run.out()).as("%s %s", command, position).isEmpty();
            }
        });
        assertThat(offsets("cli-pos-wrong").values()).containsOnly(10L);
    }

    private static void commit(String group, Map<String, Long> offsets) {
        NamedQueues.commit(TestAdmins.of(MQ), MQ.rocketMq(), group, TOPIC, offsets);
    }

    /** The group's committed offsets by "broker/queueId". */
    private static Map<String, Long> offsets(String group) {
        return NamedQueues.committed(TestAdmins.of(MQ), group, TOPIC);
    }
}
