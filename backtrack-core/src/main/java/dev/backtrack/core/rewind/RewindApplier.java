package dev.backtrack.core.rewind;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        Map<String, Long> verified = verify(plan, online ? ONLINE_SETTLE : OFFLINE_SETTLE);
        return new AppliedRewind(plan, path, verified, clock.millis());
    }

    private Map<String, Long> verify(RewindPlan plan, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<String, Long> actual = new LinkedHashMap<>();
            List<String> mismatches = new ArrayList<>();
            for (QueueRewind queue : plan.queues()) {
                MessageQueue mq = new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
                Long offset = admin.committedOffset(queue.brokerAddress(), plan.group(), mq);
                String key = queue.broker() + "/" + queue.queueId();
                actual.put(key, offset);
                if (!Objects.equals(offset, queue.targetOffset())) {
                    mismatches.add(key + ": expected " + queue.targetOffset() + ", found "
                            + (offset == null ? "no offset" : offset));
                }
            }
            if (mismatches.isEmpty()) {
                return actual;
            }
            if (System.nanoTime() > deadline) {
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindVerificationException(plan.group(), plan.topic(), mismatches);
            }
        }
    }
}
