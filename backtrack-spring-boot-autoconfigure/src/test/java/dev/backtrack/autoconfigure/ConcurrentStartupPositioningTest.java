package dev.backtrack.autoconfigure;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.store.MessageStore;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three application instances (separate Spring contexts, each with its own RocketMQ clients) start at the same moment
 * with the same consumeTimestamp against one broker holding 200 messages: the setting is applied once, and every
 * message stored at or after it is delivered exactly once across the instances.
 */
class ConcurrentStartupPositioningTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final int INSTANCES = 3;
    private static final int MESSAGES = 200;
    /** Before the claims, one round was enough to record three positionings. */
    private static final int ROUNDS = 1;
    /** Body of each delivered message -> how many times it was delivered, across all instances. */
    static final Map<String, Integer> DELIVERED = new ConcurrentHashMap<>();

    private static RocketMqAdmin admin;

    @BeforeAll
    static void open() {
        admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void instancesStartingTogetherApplyTheSettingOnceAndDeliverEachMessageOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            startTogetherAndCount("r" + round);
        }
    }

    private void startTogetherAndCount(String round) throws Exception {
        String topic = "together-" + round;
        String group = "together-g-" + round;
        String journalTopic = "JOURNAL_TOGETHER_" + round;
        MQ.rocketMq().createTopic(topic, 4);
        Map<String, Long> ledger = store(topic, round + "-m-");
        List<Long> times = ledger.values().stream().sorted().toList();
        long t = times.get(MESSAGES / 2);
        Set<String> expected = ledger.entrySet().stream().filter(e -> e.getValue() >= t).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        List<ConfigurableApplicationContext> apps = startTogether(topic, group, journalTopic, t);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.onlineClients(group).size() == INSTANCES);
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(round).keySet().containsAll(expected));
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(group, topic));

            List<JournalEntry> positionings;
            try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, journalTopic)) {
                positionings = journal.entries().stream()
                        .filter(e -> e.kind() == JournalKind.STARTUP_POSITIONING && e.group().equals(group))
                        .toList();
            }
            Map<String, Integer> counts = delivered(round);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(positionings).as("start-up positionings recorded in round " + round).hasSize(1);
                softly.assertThat(counts.keySet()).as("delivered: everything stored at or after T, nothing before")
                        .isEqualTo(expected);
                softly.assertThat(counts.entrySet().stream().filter(e -> e.getValue() != 1)
                        .map(e -> e.getKey() + " x" + e.getValue()).sorted().toList())
                        .as("messages delivered more than once").isEmpty();
            });
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static List<ConfigurableApplicationContext> startTogether(String topic, String group, String journalTopic,
            long t) throws Exception {
        // Spring Boot re-initialises the one logback context of this JVM at every start, which is not safe from three
        // threads at once; the positioning under test runs long after, so the instances leave logging as it is.
        String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        CyclicBarrier barrier = new CyclicBarrier(INSTANCES);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                String name = "instance-" + i;
                starts.add(pool.submit(() -> {
                    SpringApplicationBuilder builder = new SpringApplicationBuilder(LedgerApplication.class);
                    barrier.await(60, TimeUnit.SECONDS);
                    return builder.run("--spring.main.web-application-type=none",
                            "--spring.application.name=" + name,
                            "--spring.cloud.function.definition=ledger",
                            "--spring.cloud.stream.bindings.ledger-in-0.destination=" + topic,
                            "--spring.cloud.stream.bindings.ledger-in-0.group=" + group,
                            "--spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                            "--spring.cloud.stream.rocketmq.bindings.ledger-in-0.consumer.consumeFromWhere="
                                    + "CONSUME_FROM_TIMESTAMP",
                            "--spring.cloud.stream.rocketmq.bindings.ledger-in-0.consumer.consumeTimestamp=" + t,
                            "--spring.cloud.stream.rocketmq.bindings.ledger-in-0.consumer.enableMsgTrace=false",
                            "--spring.cloud.stream.rocketmq.bindings.ledger-in-0.consumer."
                                    + "persistConsumerOffsetInterval=1000",
                            "--backtrack.journal.topic=" + journalTopic,
                            "--backtrack.control.enabled=false");
                }));
            }
            for (Future<ConfigurableApplicationContext> start : starts) {
                apps.add(start.get(120, TimeUnit.SECONDS));
            }
            return apps;
        } catch (Exception e) {
            apps.forEach(ConfigurableApplicationContext::close);
            throw e;
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
            pool.shutdown();
        }
    }

    /** Sends the messages with a plain producer; returns each body with the store time the broker gave it. */
    private static Map<String, Long> store(String topic, String prefix) throws Exception {
        DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
        Map<String, SendResult> sent = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                String body = prefix + i;
                String json = "\"" + body + "\""; // a JSON string, as the binder's converter expects
                sent.put(body, producer.send(new Message(topic, json.getBytes(StandardCharsets.UTF_8))));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        MessageStore store = MQ.rocketMq().brokers().get(0).controller().getMessageStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.values().stream().allMatch(r ->
                store.getMessageStoreTimeStamp(topic, r.getMessageQueue().getQueueId(), r.getQueueOffset()) > 0));
        return sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> store.getMessageStoreTimeStamp(
                topic, e.getValue().getMessageQueue().getQueueId(), e.getValue().getQueueOffset())));
    }

    private static Map<String, Integer> delivered(String round) {
        return DELIVERED.entrySet().stream().filter(e -> e.getKey().startsWith(round + "-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Whether the group has committed every queue up to its end. */
    private static boolean caughtUp(String group, String topic) {
        for (QueueAddress queue : admin.queues(topic)) {
            Long committed = admin.committedOffset(queue.brokerAddress(), group, queue.queue());
            if (committed == null || committed < admin.maxOffset(queue.brokerAddress(), queue.queue())) {
                return false;
            }
        }
        return true;
    }

    /** An application with one consumer binding that records every body it receives. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LedgerApplication {

        @Bean
        Consumer<String> ledger() {
            return body -> DELIVERED.merge(body, 1, Integer::sum);
        }
    }
}
