package dev.backtrack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages a consumer failed (RECONSUME_LATER) are sent back to the broker, which keeps them as delayed messages
 * (delay level 3 + reconsume times: 10 s for the first retry) and then delivers them to {@code %RETRY%<group>}. A fast
 * stop of the embedded broker, before or while those retries are delivered, must lose none of them: after a restart on
 * the same store and ports the group receives every failed message again. (In RocketMQ 5.3.3 and 5.5.0 a sent-back
 * message goes to {@code SCHEDULE_TOPIC_XXXX}, delivered by the ScheduleMessageService, whose delay offsets the stop
 * persists; the timer wheel only takes messages with a delivery time.)
 */
class RetryAcrossStopTest {

    private static final Logger log = LoggerFactory.getLogger(RetryAcrossStopTest.class);
    private static final int MESSAGES = 200;
    private static final int FAIL_EVERY = 5;
    private static final int BURSTS = 8;
    private static final Duration RETRY_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path store;

    @Test
    void retriesPendingAtAStopAreDeliveredAfterARestart() throws Exception {
        Ledger ledger = new Ledger();
        long retriesDeliveredAtStop;
        EmbeddedRocketMqConfig config = config();
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        try {
            first.createTopic(topic, 4);
            DefaultMQPushConsumer consumer = failingConsumer(first.nameServerAddress(), group, topic, ledger);
            try {
                send(first.nameServerAddress(), topic, ledger);
                await("every message delivered once and every failed one taken back by the broker")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> ledger.firstDeliveries.size() == MESSAGES
                                && delayedMessagesHeld(first.brokers().get(0)) >= ledger.failed.size());
            } finally {
                consumer.shutdown();
            }
            retriesDeliveredAtStop = retriesDelivered(first.brokers().get(0), group);
        } finally {
            first.stop();
        }
        int retriesBeforeStop = ledger.retries.size();

        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try {
            DefaultMQPushConsumer consumer = failingConsumer(second.nameServerAddress(), group, topic, ledger);
            try {
                await("every failed message delivered again after the restart").atMost(RETRY_WAIT)
                        .until(() -> ledger.retries.keySet().containsAll(ledger.failed));
            } catch (ConditionTimeoutException e) {
                // the ledger below says what is missing
            } finally {
                consumer.shutdown();
            }
        } finally {
            second.stop();
        }
        ledger.assertNothingLost("stop before the retries were due (" + retriesDeliveredAtStop
                + " delivered to the retry topic and " + retriesBeforeStop + " consumed before it)");
    }

    @Test
    void retriesBeingDeliveredAtAStopAreAllDeliveredAfterARestart() throws Exception {
        stopWhileRetriesAreDelivered(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }

    /**
     * As above for a group consuming from a timestamp (as the Backtrack bindings do): RocketMQ's client starts a retry
     * queue that has no committed offset at its max offset unless the broker answers 0 for it.
     */
    @Test
    void retriesBeingDeliveredAtAStopAreAllDeliveredAfterARestartWhenConsumingFromATimestamp() throws Exception {
        stopWhileRetriesAreDelivered(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
    }

    private void stopWhileRetriesAreDelivered(ConsumeFromWhere from) throws Exception {
        Ledger ledger = new Ledger();
        long retriesDeliveredAtStop;
        EmbeddedRocketMqConfig config = config();
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        try {
            first.createTopic(topic, 4);
            DefaultMQPushConsumer consumer = failingConsumer(first.nameServerAddress(), group, topic, ledger, from);
            try {
                // Sent in bursts over seconds, so the failed ones fall due over seconds too: the stop below comes
                // when the broker has delivered some retries to %RETRY%<group> and still holds the others.
                for (int burst = 0; burst < BURSTS; burst++) {
                    send(first.nameServerAddress(), topic, ledger, burst * MESSAGES / BURSTS,
                            (burst + 1) * MESSAGES / BURSTS);
                    Thread.sleep(1_000); // spreads the retries' due times; nothing waits on it
                }
                await("the broker to deliver the first retries").atMost(Duration.ofSeconds(60))
                        .until(() -> retriesDelivered(first.brokers().get(0), group) > 0);
            } finally {
                consumer.shutdown();
            }
            retriesDeliveredAtStop = retriesDelivered(first.brokers().get(0), group);
        } finally {
            first.stop();
        }
        int retriesBeforeStop = ledger.retries.size();

        EmbeddedRocketMq second = new EmbeddedRocketMq(config).start();
        try {
            DefaultMQPushConsumer consumer = failingConsumer(second.nameServerAddress(), group, topic, ledger, from);
            try {
                await("every failed message delivered again after the restart").atMost(RETRY_WAIT)
                        .until(() -> ledger.retries.keySet().containsAll(ledger.failed));
            } catch (ConditionTimeoutException e) {
                // the ledger below says what is missing
            } finally {
                consumer.shutdown();
            }
        } finally {
            second.stop();
        }
        ledger.assertNothingLost(from + ", stop while the retries were being delivered (" + retriesDeliveredAtStop
                + " of " + ledger.failed.size() + " delivered to the retry topic and " + retriesBeforeStop
                + " consumed before it)");
    }

    /**
     * The cluster stops while a running consumer is still failing messages and sending them back, and starts again on
     * the same ports while that consumer keeps running: sends back that fail while the broker is down are retried by
     * the client itself, and nothing is lost (messages whose offsets were not committed may come twice).
     */
    @Test
    void messagesFailedWhileTheBrokerStopsAreRetriedOnceItIsBack() throws Exception {
        Ledger ledger = new Ledger();
        EmbeddedRocketMqConfig config = config();
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();
        EmbeddedRocketMq second = null;
        DefaultMQPushConsumer consumer = null;
        long firstDeliveriesAtStop;

        EmbeddedRocketMq first = new EmbeddedRocketMq(config).start();
        try {
            first.createTopic(topic, 4);
            send(first.nameServerAddress(), topic, ledger);
            // 100 ms a message: the stop comes while messages are handled, failed and sent back.
            consumer = failingConsumer(first.nameServerAddress(), group, topic, ledger,
                    ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, Duration.ofMillis(100));
            await("part of the messages delivered").atMost(Duration.ofSeconds(60))
                    .until(() -> ledger.firstDeliveries.size() >= MESSAGES / 4);
            firstDeliveriesAtStop = ledger.firstDeliveries.size();
        } finally {
            first.stop();
        }
        try {
            second = new EmbeddedRocketMq(config).start();
            await("every message delivered and every failed one delivered again").atMost(RETRY_WAIT)
                    .until(() -> ledger.firstDeliveries.size() == MESSAGES
                            && ledger.retries.keySet().containsAll(ledger.failed));
        } catch (ConditionTimeoutException e) {
            // the ledger below says what is missing
        } finally {
            if (consumer != null) {
                consumer.shutdown();
            }
            if (second != null) {
                second.stop();
            }
        }
        ledger.assertNothingLost("stop while a running consumer failed messages (" + firstDeliveriesAtStop
                + " delivered before it), the consumer kept running across the restart");
    }

    private EmbeddedRocketMqConfig config() {
        return EmbeddedRocketMqConfig.builder(store).nameServerPort(LoopbackPorts.anyFree())
                .brokerPort(LoopbackPorts.freeBrokerPort()).commitLogFileSize(4 * 1024 * 1024).build();
    }

    /** Messages the broker has taken for delayed delivery (the delay levels' queues and the timer wheel). */
    private static long delayedMessagesHeld(EmbeddedBroker broker) throws Exception {
        MessageStore store = broker.controller().getMessageStore();
        long held = 0;
        for (int queueId = 0; queueId < 18; queueId++) {
            held += store.getMaxOffsetInQueue(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, queueId);
        }
        return held + store.getMaxOffsetInQueue(TimerMessageStore.TIMER_TOPIC, 0);
    }

    /** Retries the broker has put into the group's retry topic (delivered from its delayed messages). */
    private static long retriesDelivered(EmbeddedBroker broker, String group) throws Exception {
        return broker.controller().getMessageStore().getMaxOffsetInQueue(MixAll.getRetryTopic(group), 0);
    }

    private static void send(String nameServer, String topic, Ledger ledger) throws Exception {
        send(nameServer, topic, ledger, 0, MESSAGES);
    }

    private static void send(String nameServer, String topic, Ledger ledger, int from, int to) throws Exception {
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
    private static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger)
            throws Exception {
        return failingConsumer(nameServer, group, topic, ledger, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }

    private static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger,
            ConsumeFromWhere from) throws Exception {
        return failingConsumer(nameServer, group, topic, ledger, from, Duration.ZERO);
    }

    private static DefaultMQPushConsumer failingConsumer(String nameServer, String group, String topic, Ledger ledger,
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

    /** Ids sent, ids failed on purpose, and how often each id was delivered, first time and as a retry. */
    private static final class Ledger {
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
