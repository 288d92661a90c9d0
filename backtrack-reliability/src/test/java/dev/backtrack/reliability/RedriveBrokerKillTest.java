package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.BacktrackCli;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.DeadLetters;
import dev.backtrack.core.replay.ReplayedMessages;
import dev.backtrack.core.replay.RunProgress;
import dev.backtrack.core.replay.WindowReader;
import dev.backtrack.test.RecordingConsumer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 9: a redrive on the two-broker process cluster, with broker-b killed with SIGKILL part way. The redrive
 * must not report success: it stops at a known offset per queue and says so (exit 1, state FAILED). Once broker-b is
 * started again over its store, {@code backtrack resume} sends the rest. With a ledger of the ids a plain producer sent:
 * no dead letter is lost, and Backtrack stored no copy twice (counted in the retry topic, per original); deliveries
 * that RocketMQ repeats after a broker restart (its consumer offsets are flushed every 5 s) are counted and reported.
 */
class RedriveBrokerKillTest extends ClusterScenario {

    private static final Logger log = LoggerFactory.getLogger(RedriveBrokerKillTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN = Pattern.compile("Run (\\S+) recorded; sending");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int MESSAGES = 400;

    @Test
    void aRedriveWithABrokerKilledFailsAtAKnownOffsetAndItsResumeLosesNothingAndSendsNothingTwice() throws Exception {
        String topic = unique("redrive-kill");
        String group = unique("redrive-kill-group");
        String journal = "JOURNAL_" + unique("rk").replace('-', '_');
        cluster.createTopic(topic, 2);
        cluster.createTopic(journal, 1);
        MessageLedger ledger = MessageLedger.sentInBulk(cluster.nameServer(), topic, MESSAGES);
        RocketMqAdmin admin = cluster.admin();
        try (RecordingConsumer broken = RecordingConsumer.on(cluster.nameServer(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).deadLettering(m -> true).start()) {
            awaitTrue("every message a dead letter", PATIENCE, () -> stored(DeadLetters.topicOf(group)) == MESSAGES);
        }
        awaitTrue("the broken group offline", PATIENCE, () -> !admin.isOnline(group));

        try (RecordingConsumer fixed = RecordingConsumer.on(cluster.nameServer(), group, topic)
                .labelledBy(MessageExt::getKeys).start()) { // the ledger's ids are the messages' keys
            awaitTrue("the fixed group online", PATIENCE, () -> admin.isOnline(group));
            StringWriter err = new StringWriter();
            CompletableFuture<Answer> redrive = CompletableFuture.supplyAsync(() -> cli(err, "redrive", "-g", group,
                    "--rate", "40", "--yes", "--journal-topic", journal));
            awaitTrue("the run's id said", PATIENCE, () -> RUN.matcher(err.toString()).find());
            Matcher m = RUN.matcher(err.toString());
            assertThat(m.find()).isTrue();
            String runId = m.group(1);
            awaitTrue("a quarter sent", PATIENCE, () -> progress(group, runId).copies() >= MESSAGES / 4);
            cluster.killBroker("broker-b");
            Answer failed = redrive.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            log.info("Redrive with broker-b killed: {}", failed);
            assertThat(failed.exit()).as(failed.toString()).isEqualTo(BacktrackCli.FAILED);
            assertThat(failed.json().get("state").asText()).isEqualTo("FAILED");
            assertThat(failed.json().get("redriven").asLong()).isBetween((long) MESSAGES / 4, MESSAGES - 1L);
            assertThat(failed.error()).contains("error: the redrive stopped on broker-b/0 at offset ")
                    .contains("backtrack resume " + runId);

            cluster.restartBroker("broker-b");
            awaitTrue("broker-b routes the retry topic again", PATIENCE,
                    () -> routedTo(MixAll.getRetryTopic(group), "broker-b"));
            Answer resumed = cli(new StringWriter(), "resume", runId, "--yes", "--journal-topic", journal);
            log.info("Resume after the restart: {}", resumed);
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            assertThat(resumed.json().get("stateBefore").asText()).isEqualTo("FAILED");
            assertThat(resumed.json().get("state").asText()).isEqualTo("FINISHED");
            assertThat(resumed.json().get("sentBefore").asLong() + resumed.json().get("sent").asLong())
                    .as("sent before and by the resume: every dead letter").isEqualTo(MESSAGES);

            Set<String> dead = Set.copyOf(ledger.ids());
            Map<String, Integer> copies = copiesPerOriginal(group, runId);
            assertThat(copies.keySet()).as("a copy of every dead letter in the retry topic").isEqualTo(dead);
            if (!poll(Duration.ofSeconds(240), () -> fixed.labels().containsAll(dead))) {
                Set<String> missing = new java.util.HashSet<>(dead);
                missing.removeAll(fixed.labels());
                throw new AssertionError(missing.size() + " dead letters not delivered, e.g. " + missing.stream()
                        .limit(5).toList() + "; retry queues: " + retryQueues(group));
            }
            Map<String, Integer> storedTwice = new HashMap<>();
            copies.forEach((original, count) -> {
                if (count > 1) {
                    storedTwice.put(original, count);
                }
            });
            long deliveredAgain = fixed.deliveryCounts().values().stream().filter(c -> c > 1).count();
            log.info("Scenario 9: {} dead letters, {} sent before the kill, {} by the resume; lost 0; stored twice by "
                    + "Backtrack {}; delivered more than once by RocketMQ after the restart {}", MESSAGES,
                    resumed.json().get("sentBefore").asLong(), resumed.json().get("sent").asLong(),
                    storedTwice.size(), deliveredAgain);
            assertThat(storedTwice).as("originals Backtrack stored twice").isEmpty();
            assertThat(fixed.labels()).as("nothing but the dead letters").isEqualTo(dead);
        } finally {
            cluster.ensureBrokersRunning();
        }
    }

    /** The CLI's answer, run in this JVM. */
    record Answer(int exit, JsonNode json, String error) {
    }

    private static Answer cli(StringWriter err, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(1, List.of("-n", cluster.nameServer(), "--timeout", "10s"));
        args.add("--json");
        StringWriter out = new StringWriter();
        int exit = BacktrackCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err, true),
                new BufferedReader(new StringReader("")));
        try {
            return new Answer(exit, out.toString().isBlank() ? null : JSON.readTree(out.toString()), err.toString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + " / " + err, e);
        }
    }

    private static Map<String, String> brokers() {
        Map<String, String> brokers = new LinkedHashMap<>();
        brokers.put("broker-a", cluster.address("broker-a"));
        brokers.put("broker-b", cluster.address("broker-b"));
        return brokers;
    }

    private static RunProgress progress(String group, String runId) {
        try {
            return RunProgress.read(cluster.admin(), group, runId, brokers(), 0);
        } catch (RuntimeException e) {
            return new RunProgress(Map.of(), Map.of(), 0); // a broker is down: ask again
        }
    }

    /** Per retry queue, its offsets and the group's committed offset there. */
    private static String retryQueues(String group) {
        StringBuilder text = new StringBuilder();
        brokers().forEach((name, address) -> {
            MessageQueue queue = new MessageQueue(MixAll.getRetryTopic(group), name, 0);
            text.append(name).append(" [").append(cluster.admin().minOffset(address, queue)).append(", ")
                    .append(cluster.admin().maxOffset(address, queue)).append(") committed ")
                    .append(cluster.admin().committedOffset(address, group, queue)).append("; ");
        });
        return text.toString();
    }

    /** Per original (its key: the ledger's id), how many copies of run {@code runId} the group's retry topic holds. */
    private static Map<String, Integer> copiesPerOriginal(String group, String runId) {
        Map<String, Integer> copies = new HashMap<>();
        String retryTopic = MixAll.getRetryTopic(group);
        try (WindowReader reader = new WindowReader(cluster.admin())) {
            brokers().forEach((name, address) -> {
                MessageQueue queue = new MessageQueue(retryTopic, name, 0);
                reader.read(queue, cluster.admin().minOffset(address, queue), cluster.admin().maxOffset(address,
                        queue), message -> {
                            if (runId.equals(message.getProperty(ReplayedMessages.RUN))
                                    && message.getReconsumeTimes() == 0) {
                                copies.merge(message.getKeys(), 1, Integer::sum);
                            }
                        });
            });
        }
        return copies;
    }

    private static long stored(String topic) {
        try {
            return cluster.admin().queues(topic).stream().mapToLong(q -> cluster.admin().maxOffset(q.brokerAddress(),
                    q.queue())).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }
}
