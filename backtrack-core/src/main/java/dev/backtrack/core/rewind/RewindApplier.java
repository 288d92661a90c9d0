package dev.backtrack.core.rewind;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;

/** Applies a rewind plan on the brokers and proves it by reading every queue's offset back. */
public class RewindApplier {

    private static final Duration OFFLINE_SETTLE = Duration.ofSeconds(2);
    private static final Duration ONLINE_SETTLE = Duration.ofSeconds(30);

    private final RocketMqAdmin admin;
    private final Clock clock;

    /** Applies through the given admin connection. */
    public RewindApplier(RocketMqAdmin admin) {
        this(admin, Clock.systemUTC());
    }

    /** Applies through the given admin connection, stamping results with {@code clock}. */
    public RewindApplier(RocketMqAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Moves every queue of the plan to its target; fails naming each queue that did not take it. */
    public AppliedRewind apply(RewindPlan plan) {
        boolean online = admin.isOnline(plan.group());
        RewindPath path = online ? RewindPath.BROKER_RESET : RewindPath.OFFLINE_WRITE;
        if (!online) {
            plan.queues().stream().map(QueueRewind::brokerAddress).distinct()
                    .forEach(address -> admin.ensureGroup(address, plan.group()));
        }
        for (QueueRewind queue : plan.queues()) {
            MessageQueue mq = new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
            if (online) {
                admin.resetThroughBroker(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
            } else {
                admin.writeOffset(queue.brokerAddress(), plan.group(), mq, queue.targetOffset());
            }
        }
        Map<String, Long> verified = OffsetVerifier.verify(admin, plan, online ? ONLINE_SETTLE : OFFLINE_SETTLE);
        return new AppliedRewind(plan, path, verified, clock.millis());
    }
}
