package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.redrive.DeadLetterOrders;
import dev.backtrack.core.replay.RunProgress;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redrive whose CLI process is killed (SIGKILL) part way, on two brokers, then resumed: with a ledger of the ids a
 * plain producer sent, every dead letter reaches the fixed group exactly once, none lost and none twice, whichever
 * broker held it and wherever the kill fell.
 */
class CliRunKilledTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern RUN = Pattern.compile("Run (\\S+) recorded; sending");
    private static final int SENT = 120;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aRedriveKilledPartWayAndResumedDeliversEveryDeadLetterOnce(@TempDir Path dir) throws Exception {
        String topic = "cli-killed";
        String group = "cli-killed-g";
        String journal = "CLI_KILLED_JOURNAL";
        List<String> ids = DeadLetterOrders.send(MQ, topic, SENT, i -> false);
        Set<String> dead = Set.copyOf(ids);
        DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));

            Path err = dir.resolve("err.txt");
            List<String> args = CliRun.withCluster(MQ.nameServerAddress(), "redrive", "-g", group, "--rate", "20",
                    "--yes", "--json", "--journal-topic", journal);
            Process cli = new ProcessBuilder(CliRun.processCommand(args)).redirectOutput(dir.resolve("out.json").toFile())
                    .redirectError(err.toFile()).start();
            String runId = await().atMost(PATIENCE).until(() -> runId(err), id -> id != null);
            Map<String, String> brokers = brokers();
            await().atMost(PATIENCE).until(() -> RunProgress.read(admin, group, runId, brokers, 0).copies() >= 30);
            cli.destroyForcibly(); // SIGKILL: no shutdown hook, no record of the end
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            long before = RunProgress.read(admin, group, runId, brokers, 0).copies();
            assertThat(before).as("killed part way").isBetween(30L, SENT - 1L);

            CliRun history = CliRun.onJournal(MQ.nameServerAddress(), journal, "history", "-g", group, "--json");
            assertThat(history.json().findValuesAsText("state")).as("the run's start, and no end")
                    .containsExactly("STARTED");

            CliRun resumed = await().atMost(PATIENCE).until(() -> CliRun.onJournal(MQ.nameServerAddress(), journal,
                    "resume", runId, "--yes", "--json"), run -> !run.err().contains("may be sending still"));
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            JsonNode result = resumed.json();
            assertThat(result.get("stateBefore").asText()).isEqualTo("STARTED");
            assertThat(result.get("sentBefore").asLong()).isEqualTo(before);
            assertThat(result.get("sent").asLong()).isEqualTo(SENT - before);
            assertThat(result.get("state").asText()).isEqualTo("FINISHED");

            fixed.awaitLabels(dead, PATIENCE);
            fixed.await(() -> fixed.deliveries() >= SENT, PATIENCE, "every dead letter");
            Map<String, Integer> notOnce = fixed.deliveryCounts().entrySet().stream()
                    .filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(notOnce).as("delivered more than once").isEmpty();
            assertThat(fixed.labels()).as("nothing lost, nothing else").isEqualTo(dead);
        }
    }

    private Map<String, String> brokers() {
        Map<String, String> brokers = new LinkedHashMap<>();
        List<String> addresses = MQ.rocketMq().brokerAddresses();
        brokers.put("broker-a", addresses.get(0));
        brokers.put("broker-b", addresses.get(1));
        return brokers;
    }

    private static String runId(Path err) throws Exception {
        if (!Files.exists(err)) {
            return null;
        }
        Matcher m = RUN.matcher(Files.readString(err));
        return m.find() ? m.group(1) : null;
    }
}
