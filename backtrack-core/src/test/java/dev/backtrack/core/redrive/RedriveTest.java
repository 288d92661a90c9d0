package dev.backtrack.core.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.AlreadyReplayedException;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.DeadLetters;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redrive on a real broker, with a ledger of the message ids a plain producer sent: a consumer sends some messages
 * straight to its dead-letter topic; once it is fixed, a redrive delivers exactly those dead letters, once each,
 * under the topic they were published to; a second redrive is refused; tags, keys and SQL92 each select exactly what
 * they say; wrong values are refused with what is accepted.
 */
class RedriveTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SENT = 12;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);
    private static KeptClusterSession session;

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    private RedriveOperation redrive() {
        synchronized (RedriveTest.class) {
            if (session == null) {
                session = new KeptClusterSession(() -> TestAdmins.settings(MQ.nameServerAddress()),
                        "REDRIVE_JOURNAL", null, a -> Optional.empty());
            }
        }
        return new RedriveOperation(session, session.admin());
    }

    @Test
    void theDeadLettersGoBackOnceEachUnderTheirTopicAndASecondRedriveIsRefused() throws Exception {
        String topic = "redrive-orders";
        String group = "redrive-billing";
        List<String> ids = sendAndKill(topic, group, i -> i % 4 == 0); // 0, 4 and 8 become dead letters
        Set<String> dead = Set.of(ids.get(0), ids.get(4), ids.get(8));

        Map<String, String> topics = new ConcurrentHashMap<>();
        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).onMessage(m -> topics.put(m.getMsgId(), m.getTopic()))
                .start()) {
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            RedrivePlan plan = redrive().plan(group, 0, Long.MAX_VALUE, MessageSelection.ALL, "--tags");
            assertThat(plan.matching()).isEqualTo(3);
            assertThat(plan.byTopicAndTag()).isEqualTo(Map.of(topic, Map.of("paid", 3L)));
            assertThat(plan.first()).extracting(d -> d.message().msgId()).containsExactlyInAnyOrderElementsOf(dead);
            assertThat(plan.first()).allSatisfy(d -> assertThat(d.originalTopic()).isEqualTo(topic));

            ReplayOutcome outcome = redrive().apply(plan, false, "--again", "tester");
            assertThat(outcome.result().replayed()).isEqualTo(3);
            fixed.awaitLabels(dead, WAIT);
            fixed.await(() -> fixed.deliveries() >= 3, WAIT, "the redriven dead letters");
            assertThat(fixed.deliveryCounts()).as("delivered again, per message id: the dead letters, once each")
                    .isEqualTo(dead.stream().collect(Collectors.toMap(id -> id, id -> 1)));
            assertThat(topics).as("under the topic they were published to")
                    .isEqualTo(dead.stream().collect(Collectors.toMap(id -> id, id -> topic)));
            MessageExt one = fixed.message(ids.get(4));
            assertThat(one.getKeys()).isEqualTo("order-4");
            assertThat(one.getTags()).isEqualTo("paid");
            assertThat(one.getUserProperty("region")).isEqualTo("eu");
            assertThat(new String(one.getBody(), StandardCharsets.UTF_8)).isEqualTo("order 4");

            assertThat(session.journalEntries()).filteredOn(e -> e.kind() == JournalKind.REDRIVE && e.group().equals(group))
                    .as("the run's start and end").hasSize(2).allSatisfy(e -> {
                        assertThat(e.topic()).isEqualTo(DeadLetters.topicOf(group));
                        assertThat(e.messagesToReplay()).isEqualTo(3);
                        assertThat(e.actor()).isEqualTo("tester");
                        assertThat(e.run().id()).isEqualTo(outcome.runId());
                    }).extracting(e -> e.run().state()).containsExactly(RunState.STARTED, RunState.FINISHED);
            RedrivePlan again = redrive().plan(group, 0, Long.MAX_VALUE, MessageSelection.ALL, "--tags");
            assertThatThrownBy(() -> redrive().apply(again, false, "add --again", "tester"))
                    .isInstanceOf(AlreadyReplayedException.class)
                    .hasMessageContaining("Dead letters of this window were redriven to group " + group + " already")
                    .hasMessageContaining("add --again to redrive them once more. Nothing was sent.");
            assertThat(fixed.deliveries()).as("nothing sent by the refused redrive").isEqualTo(3);
        }
    }

    @Test
    void aRedrivenMessageTheGroupFailsAgainGoesThroughRetriesToTheDeadLettersAgain() throws Exception {
        String topic = "redrive-again";
        String group = "redrive-again-g";
        List<String> ids = sendAndKill(topic, group, i -> i == 1 || i == 2);
        Set<String> dead = Set.of(ids.get(1), ids.get(2));
        try (RecordingConsumer stillBroken = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).failing(m -> dead.contains(m.getMsgId()))
                .configure(c -> c.setMaxReconsumeTimes(1)).start()) {
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            RedrivePlan plan = redrive().plan(group, 0, Long.MAX_VALUE, MessageSelection.ALL, "--tags");
            assertThat(redrive().apply(plan, false, "--again", "tester").result().replayed()).isEqualTo(2);
            stillBroken.await(() -> DeadLetterMaker.stored(admin, DeadLetters.topicOf(group)) == 4, WAIT,
                    "the redriven messages failed into %DLQ% again");
            assertThat(stillBroken.failureCounts()).as("redriven, failed, retried once, failed again: per id")
                    .isEqualTo(Map.of(ids.get(1), 2, ids.get(2), 2));
            assertThat(stillBroken.deliveryCounts().keySet()).as("nothing else delivered").isEqualTo(dead);
        }
        RedrivePlan after = redrive().plan(group, 0, Long.MAX_VALUE, MessageSelection.ALL, "--tags");
        assertThat(after.matching()).isEqualTo(4);
        assertThat(after.first()).extracting(d -> d.message().msgId())
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2), ids.get(1), ids.get(2));
        assertThat(after.first()).as("each copy names the topic it was published to")
                .allSatisfy(d -> assertThat(d.originalTopic()).isEqualTo(topic));
        assertThat(after.first()).extracting(DeadLetter::reconsumeTimes)
                .as("failures per copy: the first dead letters failed once, the redriven ones twice (and retried)")
                .containsExactlyInAnyOrder(1, 1, 2, 2);
    }

    @Test
    void tagsKeysAndSql92EachSelectExactlyWhatTheySay() throws Exception {
        String topic = "redrive-selection";
        String group = "redrive-selection-g";
        List<String> ids = sendAndKill(topic, group, i -> true); // every message becomes a dead letter
        assertThat(selected(group, MessageSelection.of("paid", null, null)))
                .containsExactlyInAnyOrderElementsOf(pick(ids, i -> i % 2 == 0));
        assertThat(selected(group, MessageSelection.of(null, "order-1, order-2,order-11", null)))
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2), ids.get(11));
        assertThat(selected(group, MessageSelection.of(null, null, "region = 'eu' OR TAGS = 'created'")))
                .containsExactlyInAnyOrderElementsOf(pick(ids, i -> i % 4 == 0 || i % 2 == 1));
        assertThat(selected(group, MessageSelection.of("created", "order-3,order-4", "region = 'us'")))
                .containsExactly(ids.get(3));
    }

    @Test
    void wrongValuesAreRefusedWithWhatIsAccepted() {
        assertThatThrownBy(() -> MessageSelection.of(null, "order-1,,order-2", null))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("Keys 'order-1,,order-2' are not accepted; accepted: message keys joined by ','");
        assertThatThrownBy(() -> MessageSelection.of(null, "order 1", null))
                .hasMessageContaining("none with a space");
        assertThatThrownBy(() -> MessageSelection.of(null, null, "region = "))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("SQL92 filter 'region = ' is not accepted (")
                .hasMessageContaining("accepted: RocketMQ's SQL92 over the message's user properties and TAGS");
        assertThatThrownBy(() -> MessageSelection.of("paid ||", null, null))
                .hasMessageContaining("Tag expression 'paid ||' is not accepted");
        assertThatThrownBy(() -> redrive().plan("redrive-never-failed", 0, Long.MAX_VALUE, MessageSelection.ALL,
                "--tags")).isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("Group 'redrive-never-failed' has no dead letters: its dead-letter topic "
                        + "%DLQ%redrive-never-failed does not exist");
    }

    /** The ids of the dead letters the selection takes, as the plan read them. */
    private List<String> selected(String group, MessageSelection selection) {
        RedrivePlan plan = new RedrivePlanner(admin).plan(group, 0, Long.MAX_VALUE, selection, "--tags", SENT);
        assertThat(plan.first()).as("every one it takes is shown").hasSize((int) plan.matching());
        return plan.first().stream().map(d -> d.message().msgId()).toList();
    }

    private static List<String> pick(List<String> ids, IntPredicate which) {
        return IntStream.range(0, ids.size()).filter(which).mapToObj(ids::get).toList();
    }

    /**
     * Sends {@value #SENT} messages (i: key order-i, tag paid when even else created, region eu when i is a multiple
     * of 4 else us, body "order i") with a plain producer, and consumes them with a group that sends those
     * {@code dead} picks straight to its dead-letter topic; returns the ids in sending order once every dead letter
     * is stored and the others are consumed, the consumer stopped.
     */
    private List<String> sendAndKill(String topic, String group, IntPredicate dead) throws Exception {
        List<String> ids = DeadLetterOrders.send(MQ, topic, SENT, i -> i % 4 == 0);
        DeadLetterMaker.deadLetter(admin, group, topic, ids, Set.copyOf(pick(ids, dead)));
        return ids;
    }
}
