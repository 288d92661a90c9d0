package dev.backtrack.reliability.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.LoopbackPorts;
import dev.backtrack.test.TestClients;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.timer.TimerMessageStore;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the retry-across-a-stop tests share: a store directory kept across the restart, a failing consumer that records
 * first deliveries and retries by message id, and the ledger that names what was lost.
 */
abstract class RetryScenario {

    static final Logger log = LoggerFactory.getLogger(RetryScenario.class);
    static final int MESSAGES = 200;
    static final int FAIL_EVERY = 5;
    static final int BURSTS = 8;
    static final Duration RETRY_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path store;

    /** The first start's configuration: its ports, which the restart takes again (the consumer runs across it). */
    EmbeddedRocketMqConfig config;

    /**
     * Starts the cluster on ports free now, kept in {@link #config} for the restart; ports probed free can be taken
     * by another test JVM before the broker binds them, so a start that cannot bind tries new ones (three times).
     */
    EmbeddedRocketMq startOnFreePorts() {
        for (int attempt = 1; ; attempt++) {
            config = EmbeddedRocketMqConfig.builder(store).nameServerPort(LoopbackPorts.anyFree())
                    .brokerPort(LoopbackPorts.freeBrokerPort()).commitLogFileSize(4 * 1024 * 1024).build();
            try {
                return new EmbeddedRocketMq(config).start();
            } catch (RuntimeException e) {
                if (attempt == 3 || !cannotBind(e)) {
                    throw e;
                }
                log.info("Ports taken before the broker bound them ({}); trying others", e.getMessage());
            }
        }
    }

    private static boolean cannotBind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Messages the broker has taken for delayed delivery (the delay levels' queues and the timer wheel). */
    static long delayedMessagesHeld(EmbeddedBroker broker) throws Exception {
        MessageStore store = broker.controller().getMessageStore();
        long held = 0;
        for (int queueId = 0; queueId < 18; queueId++) {
            held += store.getMaxOffsetInQueue(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, queueId);
        }
        return held + store.getMaxOffsetInQueue(TimerMessageStore.TIMER_TOPIC, 0);
    }

    /** Retries the broker has put into the group's retry topic (delivered from its delayed messages). */
    static long retriesDelivered(EmbeddedBroker broker, String group) throws Exception {
        return broker.controller().getMessageStore().getMaxOffsetInQueue(MixAll.getRetryTopic(group), 0);
    }

    static void send(String nameServer, String topic, Ledger ledger) throws Exception {
        send(nameServer, topic, ledger, 0, MESSAGES);
    }

    static void send(String nameServer, String topic, Ledger ledger, int from, int to) throws Exception {
        DefaultMQProducer producer = TestClients.producer(nameServer);
        try {
            for (int i = from; i < to; i++) {
                String id = String.format("m-%04d", i);
                if (i % FAIL_EVERY == 0) {
                    ledger.failed.add(id);
                }
                ledger.sent.add(id);
                assertThat(producer.send(new Message(topic, id.getBytes(StandardCharsets.UTF_8))).getSendStatus())
                        .isEqualTo(SendStatus.SEND_OK);
            }
        } finally {
            producer.shutdown();
        }
    }

    /** A clustering push consumer that fails the chosen ids on their first delivery and records every delivery. */
    static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger)
            throws Exception {
        return failingConsumer(nameServer, group, topic, ledger, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }

    static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger,
            ConsumeFromWhere from) throws Exception {
        return failingConsumer(nameServer, group, topic, ledger, from, Duration.ZERO);
    }

    static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger,
            ConsumeFromWhere from, Duration handling) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(from);
        // For CONSUME_FROM_TIMESTAMP: an hour back, before every message of the test (yyyyMMddHHmmss, local time).
        consumer.setConsumeTimestamp(UtilAll.timeMillisToHumanString3(System.currentTimeMillis() - 3_600_000));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            ConsumeConcurrentlyStatus status = ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            if (!handling.isZero()) {
                try {
                    Thread.sleep(handling.toMillis()); // stands for the work a handler does
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            }
            for (MessageExt message : messages) {
                String id = new String(message.getBody(), StandardCharsets.UTF_8);
                if (message.getReconsumeTimes() == 0) {
                    ledger.firstDeliveries.merge(id, 1, Integer::sum);
                    if (ledger.failed.contains(id)) {
                        status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                } else {
                    ledger.retries.merge(id, 1, Integer::sum);
                }
            }
            return status;
        });
        consumer.start();
        return consumer;
    }

    /** What a scenario does on the first cluster while a failing consumer of its group runs. */
    interface WhileFailing {
        /** Sends, waits, or both, on {@code mq}. */
        void run(EmbeddedRocketMq mq) throws Exception;
    }

    /**
     * Starts the cluster on free ports with {@code topic} (4 queues), runs a failing consumer of {@code group} while
     * {@code scenario} runs, shuts the consumer down and stops the cluster; returns how many retries the broker had
     * delivered to the group's retry topic at the stop.
     */
    long failThenStop(String topic, String group, Ledger ledger, ConsumeFromWhere from, WhileFailing scenario)
            throws Exception {
        EmbeddedRocketMq first = startOnFreePorts();
        try {
            first.createTopic(topic, 4);
            DefaultMQPushConsumer consumer = failingConsumer(first.nameServerAddress(), group, topic, ledger, from);
            try {
                scenario.run(first);
            } finally {
                consumer.shutdown();
            }
            return retriesDelivered(first.brokers().get(0), group);
        } finally {
            first.stop();
        }
    }

    /**
     * Starts the stopped cluster again on its ports and store ({@link #config}) and runs a failing consumer of
     * {@code group} until every failed message came again, for up to {@link #RETRY_WAIT}; a timeout is left to
     * {@link Ledger#assertNothingLost}, which says what is missing.
     */
    void restartAndAwaitEveryRetry(String group, String topic, Ledger ledger, ConsumeFromWhere from)
            throws Exception {
        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try {
            DefaultMQPushConsumer consumer = failingConsumer(second.nameServerAddress(), group, topic, ledger, from);
            try {
                await("every failed message delivered again after the restart").atMost(RETRY_WAIT)
                        .until(() -> ledger.retries.keySet().containsAll(ledger.failed));
            } catch (ConditionTimeoutException e) {
                // the ledger says what is missing
            } finally {
                consumer.shutdown();
            }
        } finally {
            second.stop();
        }
    }

    /** Ids sent, ids failed on purpose, and how often each id was delivered, first time and as a retry. */
    static final class Ledger {
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> firstDeliveries = new ConcurrentHashMap<>();
        final Map<String, Integer> retries = new ConcurrentHashMap<>();

        void assertNothingLost(String scenario) {
            Set<String> neverDelivered = missing(sent, firstDeliveries::containsKey);
            Set<String> retryLost = missing(failed, retries::containsKey);
            Set<String> unexpected = new TreeSet<>();
            firstDeliveries.keySet().stream().filter(id -> !sent.contains(id)).forEach(unexpected::add);
            retries.keySet().stream().filter(id -> !failed.contains(id)).forEach(unexpected::add);
            AtomicInteger duplicates = new AtomicInteger();
            firstDeliveries.forEach((id, n) -> duplicates.addAndGet(n - 1));
            retries.forEach((id, n) -> duplicates.addAndGet(n - 1));
            String summary = scenario + ": sent " + sent.size() + ", failed on purpose " + failed.size()
                    + ", retried " + retries.size() + "; lost " + (neverDelivered.size() + retryLost.size())
                    + " (never delivered " + first(neverDelivered) + ", failed and never retried " + first(retryLost)
                    + "), unexpected " + unexpected.size() + " " + first(unexpected) + ", duplicates " + duplicates;
            log.info("Ledger: {}", summary);
            assertThat(neverDelivered.isEmpty() && retryLost.isEmpty() && unexpected.isEmpty()).as(summary).isTrue();
        }

        private static Set<String> missing(Set<String> expected, Predicate<String> present) {
            Set<String> missing = new TreeSet<>();
            expected.stream().filter(present.negate()).forEach(missing::add);
            return missing;
        }

        private static List<String> first(Set<String> ids) {
            return new ArrayList<>(ids).subList(0, Math.min(10, ids.size()));
        }
    }
}
