package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window replay to a plain clustering {@code DefaultMQPushConsumer} (no starter) on two brokers: the messages stored in
 * [A, B) that match the group's tags come again, each once, while its committed offsets stay and new messages flow.
 */
class WindowReplayTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private String topic;
    private String group;
    private RocketMqAdmin admin;
    private TagFilter subscribed;
    private DefaultMQProducer producer;

    /** A message as stored: body (its label), tag, store time. */
    record Sent(String body, String tag, long storeTime) {
    }

    @BeforeEach
    void setUp(EmbeddedRocketMq mq) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topic = "window-" + id;
        group = "window-group-" + id;
        mq.createTopic(topic, 2);
        admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
        // As for a consumer that has run a while: its retry topic is routed (see RetryTopicRepublishTest).
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        producer = TestClients.producer(mq.nameServerAddress());
    }

    @AfterEach
    void tearDown() {
        TestClients.shutDownInBackground(producer);
        admin.close();
    }

    @Test
    void aLiveGroupReceivesTheMatchingWindowOnceAndItsOffsetsStay(EmbeddedRocketMq mq) throws Exception {
        try (RecordingConsumer consumer = consumer(mq, "red || blue")) {
            Stored stored = produceBeforeWindowAfter(consumer);
            Map<MessageQueue, Long> before = committedWhenCaughtUp();

            WindowPlan plan = new WindowPlanner(admin).plan(stored.window(group, topic), GivenTags.option(null));
            assertThat(plan.target().online()).isTrue();
            assertThat(plan.target().filter().expression()).isEqualTo("blue || red");
            assertThat(plan.matching()).isEqualTo(stored.expected().size());
            assertThat(plan.filteredOut()).isEqualTo(stored.inWindow().size() - stored.expected().size());
            assertThat(plan.stored()).isEqualTo(stored.inWindow().size());
            WindowReplayResult result = new WindowReplayer(admin).replay(plan);
            assertThat(result.complete()).isTrue();
            assertThat(result.replayed()).isEqualTo(stored.expected().size());

            consumer.await(() -> stored.expected().stream().allMatch(b -> consumer.deliveries(b) >= 2), PATIENCE,
                    "every matching message of the window delivered again");
            assertDeliveredOnceMoreExactly(consumer, stored);
            MessageExt again = consumer.message(stored.expected().iterator().next());
            assertThat(again.getTopic()).isEqualTo(topic);
            assertThat(again.getUserProperty(ReplayedMessages.ORIGIN_OFFSET)).isNotNull();
            assertThat(again.getMsgId()).as("the listener sees the original message id")
                    .isEqualTo(again.getUserProperty(ReplayedMessages.ORIGIN_MSG_ID));
            assertThat(again.getKeys()).isEqualTo("key-" + new String(again.getBody(), StandardCharsets.UTF_8));
            assertThat(again.getUserProperty("origin")).isEqualTo("test");
            assertThat(committed()).as("the group's offsets on the topic did not move").isEqualTo(before);
        }
    }

    @Test
    void newMessagesProducedDuringTheReplayAreConsumedOnceUnderSteadyProduction(EmbeddedRocketMq mq) throws Exception {
        try (RecordingConsumer consumer = consumer(mq, "red || blue")) {
            Stored stored = produceBeforeWindowAfter(consumer);
            Map<MessageQueue, Long> before = committedWhenCaughtUp();
            List<String> live = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread steady = new Thread(() -> {
                for (int i = 0; producing.get(); i++) {
                    String body = "live-" + i;
                    try {
                        producer.send(message(body, i % 2 == 0 ? "red" : "green"));
                        live.add(body);
                        Thread.sleep(5); // steady, about 100 messages a second, not a flood
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "steady-production");
            steady.start();
            try {
                await().atMost(PATIENCE).until(() -> live.size() >= 20);
                WindowPlan plan = new WindowPlanner(admin).plan(stored.window(group, topic), GivenTags.option(null));
                WindowReplayResult result = new WindowReplayer(admin).replay(plan);
                assertThat(result.replayed()).isEqualTo(stored.expected().size());
                await().atMost(PATIENCE).until(() -> live.size() >= 60);
            } finally {
                producing.set(false);
                steady.join();
            }
            List<String> liveRed = live.stream().filter(b -> Integer.parseInt(b.substring(5)) % 2 == 0).toList();
            consumer.awaitLabels(liveRed, PATIENCE);
            consumer.await(() -> stored.expected().stream().allMatch(b -> consumer.deliveries(b) >= 2), PATIENCE,
                    "every matching message of the window delivered again");
            assertDeliveredOnceMoreExactly(consumer, stored);
            assertThat(liveRed).allSatisfy(b -> assertThat(consumer.deliveries(b)).as(b).isEqualTo(1));
            assertThat(consumer.labels()).noneMatch(l -> l.startsWith("live-") && !liveRed.contains(l));
            Map<MessageQueue, Long> after = committedWhenCaughtUp();
            before.forEach((queue, offset) -> assertThat(after.get(queue)).as("never behind " + queue)
                    .isGreaterThanOrEqualTo(offset));
        }
    }

    @Test
    void anOfflineGroupReceivesTheWindowWhenItStartsWithTheTagsGiven(EmbeddedRocketMq mq) throws Exception {
        Stored stored;
        try (RecordingConsumer consumer = consumer(mq, "red || blue")) {
            stored = produceBeforeWindowAfter(consumer);
            committedWhenCaughtUp();
        }
        await().atMost(PATIENCE).until(() -> !admin.isOnline(group));
        Map<MessageQueue, Long> before = committed();
        ReplayWindow window = stored.window(group, topic);
        assertThatThrownBy(() -> new WindowPlanner(admin).plan(window, GivenTags.option(null)))
                .isInstanceOf(InvalidRewindInputException.class).hasMessageContaining("give --tags");

        WindowPlan plan = new WindowPlanner(admin).plan(window, GivenTags.option("blue||red"));
        assertThat(plan.target().online()).isFalse();
        WindowReplayResult result = new WindowReplayer(admin).replay(plan);
        assertThat(result.replayed()).isEqualTo(stored.expected().size());
        assertThat(committed()).isEqualTo(before);

        try (RecordingConsumer consumer = consumer(mq, "red || blue")) {
            consumer.awaitLabels(stored.expected(), PATIENCE);
            producer.send(message("after-restart", "red"));
            consumer.awaitLabels(List.of("after-restart"), PATIENCE);
            assertThat(consumer.deliveryCounts()).as("the window once, nothing else but the new message")
                    .isEqualTo(stored.expected().stream().collect(Collectors.toMap(b -> b, b -> 1)).entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                    () -> new HashMap<>(Map.of("after-restart", 1)))));
        }
    }

    @Test
    void aDryRunPlanMovesNothingAndBadInputIsRefusedClearly(EmbeddedRocketMq mq) throws Exception {
        try (RecordingConsumer consumer = consumer(mq, "red")) {
            Stored stored = produceBeforeWindowAfter(consumer);
            Map<MessageQueue, Long> before = committedWhenCaughtUp();
            long retryEnd = retryTopicEnd();
            WindowPlan plan = new WindowPlanner(admin).plan(stored.window(group, topic), GivenTags.option(null));
            assertThat(plan.matching()).isEqualTo(stored.inWindow().stream().filter(s -> s.tag().equals("red")).count());
            assertThat(committed()).isEqualTo(before);
            assertThat(retryTopicEnd()).as("nothing published").isEqualTo(retryEnd);

            assertThatThrownBy(() -> new WindowPlanner(admin).plan(stored.window(group, topic),
                    GivenTags.option("blue")))
                    .isInstanceOf(InvalidRewindInputException.class)
                    .hasMessageContaining("The tags 'blue' (--tags) differ from the subscription of group '" + group
                            + "' online ('red')");
            assertThatThrownBy(() -> new WindowPlanner(admin).plan(
                    new ReplayWindow("never-" + group, topic, 1, 2), GivenTags.option("*")))
                    .isInstanceOf(InvalidRewindInputException.class).hasMessageContaining("is unknown on topic");
        }
        assertThatThrownBy(() -> new ReplayWindow(group, topic, 5, 5)).isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("The window is empty");
        assertThatThrownBy(() -> TagFilter.of("a || "))
                .isInstanceOf(InvalidRewindInputException.class).hasMessageContaining("accepted: '*'");
    }

    @Test
    void anOrderlyConsumerIsRefusedSayingWhy(EmbeddedRocketMq mq) throws Exception {
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .configure(c -> c.registerMessageListener((org.apache.rocketmq.client.consumer.listener
                        .MessageListenerOrderly) (messages, context) -> org.apache.rocketmq.client.consumer.listener
                        .ConsumeOrderlyStatus.SUCCESS)).start()) {
            // until every broker has the consumer's heartbeat: before that the group may look offline
            await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> new WindowPlanner(admin)
                    .plan(new ReplayWindow(group, topic, 1, 2), GivenTags.option(null)))
                    .isInstanceOf(UnsupportedGroupException.class)
                    .hasMessageContaining("consumes orderly").hasMessageContaining("window replay and redrive refuse it"));
        }
    }

    @Test
    void aBroadcastingConsumerIsRefusedSayingWhy(EmbeddedRocketMq mq) throws Exception {
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .configure(c -> c.setMessageModel(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel
                        .BROADCASTING)).start()) {
            // until every broker has the consumer's heartbeat: before that the group may look offline
            await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> new WindowPlanner(admin)
                    .plan(new ReplayWindow(group, topic, 1, 2), GivenTags.option(null)))
                    .isInstanceOf(UnsupportedGroupException.class)
                    .hasMessageContaining("consumes in broadcasting mode, which has no retry topic"));
        }
    }

    @Test
    void aPullConsumerIsRefusedSayingWhy(EmbeddedRocketMq mq) throws Exception {
        DefaultLitePullConsumer puller = TestClients.sizedForLoad(new DefaultLitePullConsumer(group));
        puller.setNamesrvAddr(mq.nameServerAddress());
        puller.subscribe(topic, "*");
        puller.start();
        try {
            // until every broker has the consumer's heartbeat: before that the group may look offline
            await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> new WindowPlanner(admin)
                    .plan(new ReplayWindow(group, topic, 1, 2), GivenTags.option(null)))
                    .isInstanceOf(UnsupportedGroupException.class)
                    .hasMessageContaining("is a pull consumer, which does not read its retry topic"));
        } finally {
            puller.shutdown();
        }
    }

    // --- helpers ---

    /** What was produced: before the window, in it, after it. */
    record Stored(List<Sent> beforeWindow, List<Sent> inWindow, List<Sent> afterWindow, Set<String> expected) {
        ReplayWindow window(String group, String topic) {
            return new ReplayWindow(group, topic, inWindow.get(0).storeTime(), afterWindow.get(0).storeTime());
        }
    }

    private RecordingConsumer consumer(EmbeddedRocketMq mq, String tags) {
        subscribed = TagFilter.of(tags);
        return RecordingConsumer.on(mq.nameServerAddress(), group, topic).tags(tags).start();
    }

    /**
     * Produces 10 messages before and 30 in the window (tags red, blue, green in turn), 10 after it (red), and
     * consumes them.
     */
    private Stored produceBeforeWindowAfter(RecordingConsumer consumer) throws Exception {
        List<Sent> before = produce("before-", 10);
        List<Sent> in = produce("in-", 30);
        // every queue ends with a message the consumer subscribes: its committed offsets reach the queues' ends at
        // once (a filtered-out last message leaves the pull parked in the broker's long poll)
        List<Sent> after = produce("after-", 10, true);
        Set<String> expected = in.stream().filter(s -> !s.tag().equals("green")).map(Sent::body)
                .collect(Collectors.toSet());
        Set<String> toConsume = new java.util.HashSet<>();
        for (List<Sent> part : List.of(before, in, after)) {
            part.stream().filter(s -> subscribed.matches(s.tag()))
                    .forEach(s -> toConsume.add(s.body()));
        }
        consumer.awaitLabels(toConsume, PATIENCE);
        return new Stored(before, in, after, expected);
    }

    /** Sends {@code count} messages, waits until each is stored and past; phases never share a millisecond. */
    private List<Sent> produce(String prefix, int count) throws Exception {
        return produce(prefix, count, false);
    }

    private List<Sent> produce(String prefix, int count, boolean allRed) throws Exception {
        List<Sent> sent = new ArrayList<>();
        String[] tags = allRed ? new String[] {"red"} : new String[] {"red", "blue", "green"};
        for (int i = 0; i < count; i++) {
            String body = prefix + i;
            String tag = tags[i % tags.length];
            var result = producer.send(message(body, tag));
            long storeTime = storeTime(result.getMessageQueue(), result.getQueueOffset());
            sent.add(new Sent(body, tag, storeTime));
        }
        long last = sent.stream().mapToLong(Sent::storeTime).max().orElseThrow();
        soon().until(() -> System.currentTimeMillis() > last + 1);
        return sent;
    }

    private static org.awaitility.core.ConditionFactory soon() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
    }

    private long storeTime(MessageQueue queue, long offset) {
        String address = admin.queues(topic).stream().filter(q -> q.queue().equals(queue)).findFirst().orElseThrow()
                .brokerAddress();
        soon().until(() -> admin.storeTimestampAt(address, queue, offset) != null);
        return admin.storeTimestampAt(address, queue, offset);
    }

    private Message message(String body, String tag) {
        Message message = new Message(topic, tag, "key-" + body, body.getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("origin", "test");
        return message;
    }

    private void assertDeliveredOnceMoreExactly(RecordingConsumer consumer, Stored stored) {
        for (List<Sent> part : List.of(stored.beforeWindow(), stored.inWindow(), stored.afterWindow())) {
            for (Sent s : part) {
                int expected = stored.expected().contains(s.body()) ? 2
                        : subscribed.matches(s.tag()) ? 1 : 0;
                assertThat(consumer.deliveries(s.body())).as(s.body() + " (" + s.tag() + ")").isEqualTo(expected);
            }
        }
    }

    private Map<MessageQueue, Long> committedWhenCaughtUp() {
        await().atMost(PATIENCE).until(() -> admin.queues(topic).stream().allMatch(q -> {
            Long offset = admin.committedOffset(q.brokerAddress(), group, q.queue());
            return offset != null && offset == admin.maxOffset(q.brokerAddress(), q.queue());
        }));
        return committed();
    }

    private Map<MessageQueue, Long> committed() {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        for (QueueAddress q : admin.queues(topic)) {
            offsets.put(q.queue(), admin.committedOffset(q.brokerAddress(), group, q.queue()));
        }
        return offsets;
    }

    private long retryTopicEnd() {
        long total = 0;
        for (QueueAddress q : admin.queues(MixAll.getRetryTopic(group))) {
            total += admin.maxOffset(q.brokerAddress(), q.queue());
        }
        return total;
    }
}
