package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.ReplayedMessages;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code backtrack replay --canary}, the pause, {@code backtrack resume} and {@code backtrack abort} against a real
 * broker, with a ledger of the ids a plain producer sent: a canary the group fails pauses the run (exit 3) naming the
 * message; once the consumer is fixed, resume sends the rest, each once; an aborted run is not resumed; wrong values
 * say what is accepted.
 */
class CliCanaryPauseResumeTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aFailedCanaryPausesTheRunAndResumeSendsTheRestOnceEach() throws Exception {
        String topic = "cli-canary";
        String group = "cli-canary-g";
        String journal = "CLI_CANARY_JOURNAL";
        List<String> ids = send(topic, 12);
        AtomicBoolean broken = new AtomicBoolean(true);
        admin.ensureTopic(MixAll.getRetryTopic(group), 1); // as for a consumer that has run a while
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).configure(c -> c.setMaxReconsumeTimes(1))
                .failing(m -> broken.get() && m.getProperty(ReplayedMessages.RUN) != null
                        && "poison".equals(m.getKeys())).start()) {
            consumer.awaitLabels(ids, PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));

            CliRun paused = CliRun.onJournal(MQ.nameServerAddress(), journal, "replay", "-g", group, "-t", topic,
                    "--from", "0", "--until", "now", "--canary", "2", "--yes", "--json");
            assertThat(paused.exit()).as(paused.err()).isEqualTo(BacktrackCli.PAUSED);
            JsonNode outcome = paused.json();
            String runId = outcome.get("runId").asText();
            assertThat(outcome.get("state").asText()).isEqualTo("PAUSED");
            assertThat(outcome.get("replayed").asLong()).isEqualTo(2);
            assertThat(outcome.get("canary").get("failed").findValuesAsText("msgId")).containsExactly(ids.get(1));
            assertThat(paused.err()).contains("Run " + runId + " recorded; sending.")
                    .contains("The replay paused after the canary: 1 of its 2 messages failed: " + ids.get(1)
                            + " (broker-a/0 at offset 1, failed 1 time")
                    .contains("2 of 12 messages were sent (recorded as run " + runId + "). Send the rest, once each: "
                            + "backtrack resume " + runId + "; end it: backtrack abort " + runId + ".");
            consumer.await(() -> consumer.deliveries(ids.get(0)) == 2, PATIENCE, "the canary's good message");

            CliRun history = CliRun.onJournal(MQ.nameServerAddress(), journal, "history", "-g", group);
            assertThat(history.out()).contains(runId + " started").contains(runId + " paused")
                    .contains(": run " + runId + " paused after the canary: 1 of its 2 messages failed");

            broken.set(false); // fixed
            CliRun dry = CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", runId, "--dry-run");
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Resume of run " + runId + ": replay of " + topic + " to group " + group)
                    .contains("paused: paused after the canary").contains("Sent before: 2; left to send: 10.")
                    .contains("Dry run: nothing sent.");
            CliRun resumed = CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", runId, "--yes", "--json");
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(resumed.json().get("sent").asLong()).isEqualTo(10);
            assertThat(resumed.json().get("state").asText()).isEqualTo("FINISHED");
            consumer.await(() -> ids.stream().filter(id -> !id.equals(ids.get(1)))
                    .allMatch(id -> consumer.deliveries(id) == 2), PATIENCE, "the rest delivered again");
            Map<String, Integer> counts = consumer.deliveryCounts();
            assertThat(ids.stream().filter(id -> !id.equals(ids.get(1))).filter(id -> counts.get(id) != 2)
                    .collect(Collectors.toMap(id -> id, counts::get))).as("once live and once again, each").isEmpty();

            CliRun finished = CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", runId, "--yes");
            assertThat(finished.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(finished.err()).contains("Run " + runId + " finished at ").contains("there is nothing to "
                    + "resume.");
        }
    }

    @Test
    void anAbortedRunIsNotResumedAndWrongValuesSayWhatIsAccepted() throws Exception {
        String topic = "cli-abort";
        String group = "cli-abort-g";
        String journal = "CLI_ABORT_JOURNAL";
        List<String> ids = send(topic, 4);
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).configure(c -> c.setMaxReconsumeTimes(1))
                .failing(m -> m.getProperty(ReplayedMessages.RUN) != null && "poison".equals(m.getKeys())).start()) {
            consumer.awaitLabels(ids, PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            CliRun paused = CliRun.onJournal(MQ.nameServerAddress(), journal, "replay", "-g", group, "-t", topic,
                    "--from", "0", "--until", "now", "--canary", "2", "--yes", "--json");
            assertThat(paused.exit()).as(paused.err()).isEqualTo(BacktrackCli.PAUSED);
            String runId = paused.json().get("runId").asText();

            CliRun aborted = CliRun.onJournal(MQ.nameServerAddress(), journal, "abort", runId);
            assertThat(aborted.exit()).as(aborted.err()).isZero();
            assertThat(aborted.out()).contains("Run " + runId + " (" + topic + " to group " + group + ") aborted");
            CliRun resume = CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", runId, "--yes");
            assertThat(resume.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(resume.err()).contains("Run " + runId + " was aborted at ").contains("there is nothing to "
                    + "resume.");
        }
        String[] dry = {"replay", "-g", group, "-t", topic, "--from", "0", "--until", "now", "--dry-run"};
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, CliRun.concat(dry, "--canary", "-1")),
                "Canary '-1' is not accepted; accepted: a whole number of messages from 1 to 10000");
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, CliRun.concat(dry, "--canary", "abc")),
                "Canary 'abc' is not accepted");
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, CliRun.concat(dry, "--pause-above", "0")),
                "Failure threshold '0' is not accepted; accepted: a share of the messages sent in the last minute, "
                        + "above 0 and at most 100, as N or N% (e.g. 5 or 2.5%)");
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", "nosuchrun123", "--yes"),
                "No run nosuchrun123 in the journal: give the id a replay or a redrive printed when it paused or "
                        + "stopped (as `history` lists it). Nothing was sent.");
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, "abort", "no such id"),
                "Run id 'no such id' is not accepted; accepted: the id a replay or a redrive printed");
        assertUsage(CliRun.onJournal(MQ.nameServerAddress(), journal, "resume", "nosuchrun123", "--canary", "0"),
                "Canary '0' is not accepted");
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exit()).as(run.out() + run.err()).isIn(BacktrackCli.FAILED, BacktrackCli.USAGE);
        assertThat(run.err()).contains(message);
    }

    /** Sends {@code count} messages to a new one-queue topic, message 1 keyed "poison"; returns their ids in order. */
    private static List<String> send(String topic, int count) throws Exception {
        MQ.rocketMq().createTopic(topic, 1);
        DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(producer.send(new Message(topic, "t", i == 1 ? "poison" : "order-" + i,
                        ("order " + i).getBytes(StandardCharsets.UTF_8))).getMsgId());
            }
            return ids;
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }
}
