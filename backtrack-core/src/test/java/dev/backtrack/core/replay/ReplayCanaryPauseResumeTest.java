package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RunEntries;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.AlreadyReplayedException;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RunOperation;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A window replay's canary, its pause on failures and its resume, on a real broker, with a ledger of the ids a plain
 * producer sent: a canary the group fails pauses the run after the canary and names the failed message; a canary the
 * group consumes lets the rest go, each once; a failure rate above the threshold pauses the run part way, and what the
 * group received again is exactly what the result says was sent; once the consumer is fixed, a resume sends the rest,
 * each once, and nothing sent before; an aborted run is not resumed.
 */
class ReplayCanaryPauseResumeTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** How long a run must have stored nothing before it is resumed, here (a process would wait 20 s). */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);
    private static KeptClusterSession session;

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    private RunOperation runs() {
        replay();
        return new RunOperation(session, session.admin(), QUIET);
    }

    private ReplayOperation replay() {
        synchronized (ReplayCanaryPauseResumeTest.class) {
            if (session == null) {
                session = new KeptClusterSession(() -> TestAdmins.settings(MQ.nameServerAddress()),
                        "CANARY_JOURNAL", null, a -> Optional.empty());
            }
        }
        return new ReplayOperation(session, session.admin());
    }

    @Test
    void aCanaryTheGroupFailsStopsTheRunAfterTheCanaryAndNamesTheFailedMessage() throws Exception {
        String topic = "canary-poison";
        String group = "canary-poison-g";
        List<String> ids = send(topic, 1, 20, i -> i == 1);
        AtomicBoolean broken = new AtomicBoolean(true);
        try (RecordingConsumer consumer = consumer(group, topic, m -> broken.get() && "poison".equals(m.getKeys()))) {
            consumer.awaitLabels(ids, WAIT);
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            WindowPlan plan = replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE), GivenTags.option(null));

            ReplayOutcome outcome = replay().apply(plan, false, "--again", "tester", new SendPolicy(
                    SendRate.UNLIMITED, 3, SendPolicy.DEFAULT_PAUSE_ABOVE_PERCENT));

            assertThat(outcome.canary()).isNotNull();
            assertThat(outcome.canary().passed()).isFalse();
            assertThat(outcome.canary().failed()).extracting(FailedCopy::msgId).containsExactly(ids.get(1));
            assertThat(outcome.result().replayed()).as("the canary alone was sent").isEqualTo(3);
            assertThat(outcome.result().complete()).isFalse();
            assertThat(outcome.state()).isEqualTo(RunState.PAUSED);
            assertThat(outcome.result().failure()).startsWith("paused after the canary: 1 of its 3 messages failed: "
                    + ids.get(1) + " (broker-a/0 at offset 1, failed 1 time");
            assertThat(copiesSent(group, outcome.runId())).as("copies of the run in the retry topic").isEqualTo(3);
            consumer.await(() -> consumer.deliveries(ids.get(0)) == 2 && consumer.deliveries(ids.get(2)) == 2, WAIT,
                    "the canary's good messages delivered again");
            for (int i = 3; i < ids.size(); i++) {
                assertThat(consumer.deliveries(ids.get(i))).as("message " + i + " not sent again").isEqualTo(1);
            }
            assertThat(RunEntries.find(session.journalEntries(), outcome.runId()).orElseThrow().entries())
                    .extracting(e -> e.run().state(), JournalEntry::messagesToReplay, JournalEntry::actor)
                    .containsExactly(tuple(RunState.STARTED, 20L, "tester"), tuple(RunState.PAUSED, 3L, "tester"));

            broken.set(false); // the consumer is fixed
            RunOperation.ResumePlan rest = resumable(outcome.runId());
            assertThat(rest.sentBefore()).isEqualTo(3);
            assertThat(rest.plan().queues()).singleElement().satisfies(q -> {
                assertThat(q.beginOffset()).as("after the canary").isEqualTo(3);
                assertThat(q.endOffset()).isEqualTo(20);
            });
            ReplayOutcome resumed = runs().resume(rest, "fixer", SendPolicy.resuming(rest.entries().run(), null, null,
                    null));
            assertThat(resumed.state()).isEqualTo(RunState.FINISHED);
            assertThat(resumed.runId()).isEqualTo(outcome.runId());
            assertThat(resumed.result().replayed()).isEqualTo(17);
            consumer.await(() -> ids.subList(3, 20).stream().allMatch(id -> consumer.deliveries(id) == 2), WAIT,
                    "the rest delivered again");
            for (int i = 0; i < ids.size(); i++) {
                if (i != 1) {
                    assertThat(consumer.deliveries(ids.get(i))).as("message " + i + ": once live, once again")
                            .isEqualTo(2);
                }
            }
            assertThat(RunEntries.find(session.journalEntries(), outcome.runId()).orElseThrow().state())
                    .isEqualTo(RunState.FINISHED);
            assertThatThrownBy(() -> runs().planResume(outcome.runId())).isInstanceOf(EntryRefusedException.class)
                    .hasMessageStartingWith("Run " + outcome.runId() + " finished at ")
                    .hasMessageEndingWith(" (by fixer); there is nothing to resume.");
        }
    }

    @Test
    void aCanaryTheGroupConsumesLetsTheRestGoEachOnce() throws Exception {
        String topic = "canary-fine";
        String group = "canary-fine-g";
        List<String> ids = send(topic, 2, 30, i -> false);
        try (RecordingConsumer consumer = consumer(group, topic, m -> false)) {
            consumer.awaitLabels(ids, WAIT);
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            WindowPlan plan = replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE), GivenTags.option(null));

            ReplayOutcome outcome = replay().apply(plan, false, "--again", "tester", new SendPolicy(
                    SendRate.UNLIMITED, 5, SendPolicy.DEFAULT_PAUSE_ABOVE_PERCENT));

            assertThat(outcome.canary().passed()).isTrue();
            assertThat(outcome.canary().sent()).isEqualTo(5);
            assertThat(outcome.result().complete()).isTrue();
            assertThat(outcome.result().replayed()).isEqualTo(30);
            consumer.awaitDeliveries(60, WAIT);
            Map<String, Integer> twice = new HashMap<>();
            ids.forEach(id -> twice.put(id, 2));
            assertThat(consumer.deliveryCounts()).as("each message once live and once again").isEqualTo(twice);
            assertThat(RunEntries.find(session.journalEntries(), outcome.runId()).orElseThrow().entries())
                    .extracting(e -> e.run().state(), JournalEntry::messagesToReplay)
                    .containsExactly(tuple(RunState.STARTED, 30L), tuple(RunState.FINISHED, 30L));
        }
    }

    @Test
    void moreFailuresThanTheThresholdStopTheRunAndTheGroupReceivedExactlyWhatWasSent() throws Exception {
        String topic = "canary-threshold";
        String group = "canary-threshold-g";
        int count = 300;
        List<String> ids = send(topic, 1, count, i -> i >= 30 && i % 3 == 0);
        AtomicBoolean broken = new AtomicBoolean(true);
        try (RecordingConsumer consumer = consumer(group, topic, m -> broken.get() && "poison".equals(m.getKeys()))) {
            consumer.awaitLabels(ids, WAIT);
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            WindowPlan plan = replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE), GivenTags.option(null));

            ReplayOutcome outcome = replay().apply(plan, false, "--again", "tester", new SendPolicy(
                    new SendRate(20), 0, SendPolicy.DEFAULT_PAUSE_ABOVE_PERCENT));

            assertThat(outcome.result().complete()).isFalse();
            assertThat(outcome.state()).isEqualTo(RunState.PAUSED);
            assertThat(outcome.result().failure()).startsWith("paused: ").contains(" messages sent in the last minute "
                    + "failed (").contains("above 5%): ");
            QueueReplay sent = outcome.result().queues().get(0);
            assertThat(sent.beginOffset()).isZero();
            assertThat(sent.endOffset()).as("stopped part way, after the failures began").isBetween(31L, count - 1L);
            assertThat(sent.replayed()).isEqualTo(sent.endOffset());
            assertThat(copiesSent(group, outcome.runId())).isEqualTo(sent.replayed());
            int end = (int) sent.endOffset();
            consumer.await(() -> ids.subList(0, end).stream().allMatch(id -> consumer.deliveries(id) >= 2), WAIT,
                    "every message sent delivered again");
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int delivered = consumer.deliveries(ids.get(i));
                boolean poison = i >= 30 && i % 3 == 0;
                if (i < end && !poison && delivered != 2 || i >= end && delivered != 1) {
                    wrong.add(i + " delivered " + delivered);
                }
            }
            assertThat(wrong).as("sent: delivered twice (once live); not sent: once").isEmpty();

            broken.set(false);
            RunOperation.ResumePlan rest = resumable(outcome.runId());
            assertThat(SendPolicy.resuming(rest.entries().run(), null, null, null))
                    .as("the run's rate and threshold, no canary").isEqualTo(new SendPolicy(new SendRate(20), 0, 5));
            assertThat(SendPolicy.resuming(rest.entries().run(), "50", "3", null))
                    .isEqualTo(new SendPolicy(new SendRate(50), 3, 5));
            ReplayOutcome resumed = runs().resume(rest, "fixer", SendPolicy.resuming(rest.entries().run(), "100",
                    null, "50"));
            assertThat(resumed.state()).isEqualTo(RunState.FINISHED);
            assertThat(resumed.result().replayed()).isEqualTo(count - end);
            consumer.await(() -> ids.subList(end, count).stream().allMatch(id -> consumer.deliveries(id) == 2), WAIT,
                    "the rest delivered again");
            List<String> notOnce = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean poison = i >= 30 && i % 3 == 0 && i < end;
                if (!poison && consumer.deliveries(ids.get(i)) != 2) {
                    notOnce.add(i + " delivered " + consumer.deliveries(ids.get(i)));
                }
            }
            assertThat(notOnce).as("every message once live and once again, the resume included").isEmpty();
        }
    }

    @Test
    void anAbortedRunIsNotResumedAndUnknownIdsAreRefused() throws Exception {
        String topic = "canary-abort";
        String group = "canary-abort-g";
        List<String> ids = send(topic, 1, 10, i -> i == 0);
        try (RecordingConsumer consumer = consumer(group, topic, m -> "poison".equals(m.getKeys()))) {
            consumer.awaitLabels(ids, WAIT);
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            WindowPlan plan = replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE), GivenTags.option(null));
            ReplayOutcome outcome = replay().apply(plan, false, "--again", "tester", new SendPolicy(
                    SendRate.UNLIMITED, 1, SendPolicy.DEFAULT_PAUSE_ABOVE_PERCENT));
            assertThat(outcome.state()).isEqualTo(RunState.PAUSED);
            assertThatThrownBy(() -> replay().apply(replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE),
                    GivenTags.option(null)), false, "add --again", "tester"))
                    .isInstanceOf(AlreadyReplayedException.class)
                    .hasMessageContaining("; run " + outcome.runId() + " is paused, not finished: resume "
                            + outcome.runId() + " sends what it left, abort " + outcome.runId() + " ends it): add "
                            + "--again to replay them once more. Nothing was replayed.");

            JournalEntry aborted = runs().abort(outcome.runId(), "operator");
            assertThat(aborted.run().state()).isEqualTo(RunState.ABORTED);
            assertThatThrownBy(() -> runs().planResume(outcome.runId())).isInstanceOf(EntryRefusedException.class)
                    .hasMessageContaining("Run " + outcome.runId() + " was aborted at ")
                    .hasMessageEndingWith(" (by operator); there is nothing to resume.");
            assertThatThrownBy(() -> runs().abort(outcome.runId(), "operator"))
                    .hasMessageEndingWith(" (by operator); there is nothing to abort.");
        }
        assertThatThrownBy(() -> runs().planResume("nosuchrun123")).isInstanceOf(UnknownJournalEntryException.class)
                .hasMessage("No run nosuchrun123 in the journal: give the id a replay or a redrive printed when it "
                        + "paused or stopped (as `history` lists it). Nothing was sent.");
        assertThatThrownBy(() -> runs().abort("no such run", "operator")).isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Run id 'no such run' is not accepted; accepted: the id a replay or a redrive printed when "
                        + "it paused or stopped (as `history` lists it), e.g. 7k2m9q4x1bcd");
    }

    /** The resume plan of the run, once its last copy is older than the quiet time a resume asks. */
    private RunOperation.ResumePlan resumable(String runId) {
        return await().atMost(WAIT).ignoreExceptionsMatching(e -> e.getMessage().contains("may be sending still"))
                .until(() -> runs().planResume(runId), plan -> true);
    }

    @Test
    void wrongValuesAndACanaryForAnOfflineGroupAreRefusedWithWhatIsAccepted() throws Exception {
        for (String canary : List.of("-1", "abc", "0", "10001", "2.5")) {
            assertThatThrownBy(() -> SendPolicy.parse(null, canary, null)).as(canary)
                    .isInstanceOf(InvalidRewindInputException.class)
                    .hasMessage("Canary '" + canary + "' is not accepted; accepted: a whole number of messages from 1 "
                            + "to 10000");
        }
        for (String threshold : List.of("0", "abc", "101%", "-5%")) {
            assertThatThrownBy(() -> SendPolicy.parse(null, null, threshold)).as(threshold)
                    .isInstanceOf(InvalidRewindInputException.class)
                    .hasMessage("Failure threshold '" + threshold + "' is not accepted; accepted: a share of the "
                            + "messages sent in the last minute, above 0 and at most 100, as N or N% (e.g. 5 or 2.5%)");
        }
        assertThat(SendPolicy.parse("10", "25", "2.5%")).isEqualTo(new SendPolicy(new SendRate(10), 25, 2.5));
        assertThat(SendPolicy.parse(null, null, null)).isEqualTo(SendPolicy.DEFAULT);

        String topic = "canary-offline";
        String group = "canary-offline-g";
        send(topic, 1, 3, i -> false);
        try (RecordingConsumer once = consumer(group, topic, m -> false)) {
            once.awaitCount(3, WAIT); // the group is known, and now offline
        }
        WindowPlan plan = replay().plan(new ReplayWindow(group, topic, 0, Long.MAX_VALUE), GivenTags.option("*"));
        assertThatThrownBy(() -> replay().apply(plan, false, "--again", "tester", new SendPolicy(SendRate.UNLIMITED,
                2, 5))).isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("A canary needs group 'canary-offline-g' online: it waits until the group consumed the "
                        + "first messages, and no consumer of the group is online. Start the group's consumers, or "
                        + "send without --canary. Nothing was sent.");
        assertThat(session.journalEntries()).as("no run recorded for the refused one")
                .noneMatch(e -> e.group().equals(group));
    }

    /**
     * A consumer of the group that fails the replayed copies {@code fails} picks, one retry before the DLQ; as for a
     * consumer that has run a while, its retry topic is routed before it starts (see RetryTopicRepublishTest).
     */
    private RecordingConsumer consumer(String group, String topic, Predicate<MessageExt> fails) {
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        return RecordingConsumer.on(MQ.nameServerAddress(), group, topic).labelledBy(RecordingConsumer.MESSAGE_ID)
                .failing(m -> m.getProperty(ReplayedMessages.RUN) != null && fails.test(m))
                .configure(c -> c.setMaxReconsumeTimes(1)).start();
    }

    /**
     * Creates the topic with {@code queues} queues and sends {@code count} messages with a plain producer, one at a
     * time (key "poison" where {@code poison} says, else "order-i"); returns their ids in sending order.
     */
    private static List<String> send(String topic, int queues, int count, IntPredicate poison) throws Exception {
        MQ.rocketMq().createTopic(topic, queues);
        DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Message message = new Message(topic, "t", poison.test(i) ? "poison" : "order-" + i,
                        ("order " + i).getBytes(StandardCharsets.UTF_8));
                SendResult result = producer.send(message);
                ids.add(result.getMsgId());
            }
            return ids;
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    /** How many copies run {@code runId} stored in the group's retry topic (first deliveries, not retries). */
    private long copiesSent(String group, String runId) {
        String address = MQ.rocketMq().brokerAddresses().get(0);
        org.apache.rocketmq.common.message.MessageQueue retry = new org.apache.rocketmq.common.message.MessageQueue(
                MixAll.getRetryTopic(group), "broker-a", 0);
        long[] copies = {0};
        try (WindowReader reader = new WindowReader(admin)) {
            reader.read(retry, admin.minOffset(address, retry), admin.maxOffset(address, retry), m -> {
                if (runId.equals(m.getProperty(ReplayedMessages.RUN)) && m.getReconsumeTimes() == 0) {
                    copies[0]++;
                }
            });
        }
        return copies[0];
    }
}
