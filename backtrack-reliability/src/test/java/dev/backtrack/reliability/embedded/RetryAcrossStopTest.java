package dev.backtrack.reliability.embedded;

import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.time.Duration;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Messages a consumer failed (RECONSUME_LATER) are sent back to the broker, which keeps them as delayed messages
 * (delay level 3 + reconsume times: 10 s for the first retry) and then delivers them to {@code %RETRY%<group>}. A fast
 * stop of the embedded broker before those retries are due, or while a running consumer is still failing messages and
 * sending them back, must lose none of them: after a restart on the same store and ports the group receives every
 * failed message again ({@link RetryBeingDeliveredAcrossStopTest}: a stop while the retries are being delivered).
 * (In RocketMQ 5.3.3 and 5.5.0 a sent-back message goes to {@code SCHEDULE_TOPIC_XXXX}, delivered by the
 * ScheduleMessageService, whose delay offsets the stop persists; the timer wheel only takes messages with a delivery
 * time.)
 */
class RetryAcrossStopTest extends RetryScenario {

    @Test
    void retriesPendingAtAStopAreDeliveredAfterARestart() throws Exception {
        Ledger ledger = new Ledger();
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();
        long retriesDeliveredAtStop = failThenStop(topic, group, ledger, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET,
                first -> {
                    send(first.nameServerAddress(), topic, ledger);
                    await("every message delivered once and every failed one taken back by the broker")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> ledger.firstDeliveries.size() == MESSAGES
                                    && delayedMessagesHeld(first.brokers().get(0)) >= ledger.failed.size());
                });
        int retriesBeforeStop = ledger.retries.size();

        restartAndAwaitEveryRetry(group, topic, ledger, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        ledger.assertNothingLost("stop before the retries were due (" + retriesDeliveredAtStop
                + " delivered to the retry topic and " + retriesBeforeStop + " consumed before it)");
    }

    /**
     * The cluster stops while a running consumer is still failing messages and sending them back, and starts again on
     * the same ports while that consumer keeps running: sends back that fail while the broker is down are retried by
     * the client itself, and nothing is lost (messages whose offsets were not committed may come twice).
     */
    @Test
    void messagesFailedWhileTheBrokerStopsAreRetriedOnceItIsBack() throws Exception {
        Ledger ledger = new Ledger();
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();
        EmbeddedRocketMq second = null;
        DefaultMQPushConsumer consumer = null;
        long firstDeliveriesAtStop;

        EmbeddedRocketMq first = startOnFreePorts();
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
}
