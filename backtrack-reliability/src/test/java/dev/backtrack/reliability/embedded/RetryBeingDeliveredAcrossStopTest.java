package dev.backtrack.reliability.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;

/**
 * Messages a consumer failed (RECONSUME_LATER) are sent back to the broker, which keeps them as delayed messages
 * (delay level 3 + reconsume times: 10 s for the first retry) and then delivers them to {@code %RETRY%<group>}. A fast
 * stop of the embedded broker while those retries are being delivered, must lose none of them: after a restart on
 * the same store and ports the group receives every failed message again. (In RocketMQ 5.3.3 a sent-back message goes
 * to {@code SCHEDULE_TOPIC_XXXX}, delivered by the ScheduleMessageService, whose delay offsets the stop persists; the
 * timer wheel only takes messages with a delivery time.)
 */
class RetryBeingDeliveredAcrossStopTest extends RetryScenario {

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
        String topic = "retry-stop-" + UUID.randomUUID();
        String group = "retry-stop-group-" + UUID.randomUUID();
        long retriesDeliveredAtStop = failThenStop(topic, group, ledger, from, first -> {
            // Sent in bursts over seconds, so the failed ones fall due over seconds too: the stop below comes when the
            // broker has delivered some retries to %RETRY%<group> and still holds the others.
            for (int burst = 0; burst < BURSTS; burst++) {
                send(first.nameServerAddress(), topic, ledger, burst * MESSAGES / BURSTS,
                        (burst + 1) * MESSAGES / BURSTS);
                Thread.sleep(1_000); // spreads the retries' due times; nothing waits on it
            }
            await("the broker to deliver the first retries").atMost(Duration.ofSeconds(60))
                    .until(() -> retriesDelivered(first.brokers().get(0), group) > 0);
        });
        int retriesBeforeStop = ledger.retries.size();

        restartAndAwaitEveryRetry(group, topic, ledger, from);
        ledger.assertNothingLost(from + ", stop while the retries were being delivered (" + retriesDeliveredAtStop
                + " of " + ledger.failed.size() + " delivered to the retry topic and " + retriesBeforeStop
                + " consumed before it)");
    }
}
