package dev.backtrack.core.inplace;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.rocketmq.client.impl.consumer.ConsumeMessageOrderlyService;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.consumer.MessageQueueLock;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Waits until an orderly consumer has finished the batch it is processing on a queue. RocketMQ's orderly service
 * consumes a queue's batches one at a time, each (listener call and offset commit) under that queue's lock object;
 * once a dropped queue's lock has been passed, no batch of its old buffer can commit any more, and the next batch
 * starts only when the queue is pulled again.
 */
final class OrderlyBatchGate {

    private OrderlyBatchGate() {
    }

    /** Returns once the batch being processed on {@code queue} (if any) has finished; fails after {@code patience}. */
    static void awaitBatch(DefaultMQPushConsumerImpl consumer, MessageQueue queue, Duration patience) {
        Object lock = lockObject(consumer, queue);
        CompletableFuture<Void> passed = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            synchronized (lock) {
                passed.complete(null); // the batch in flight, if any, has finished and committed or not
            }
        }, "backtrack-orderly-batch-gate");
        waiter.setDaemon(true);
        waiter.start();
        try {
            passed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RewindException("The orderly consumer of group '" + consumer.groupName() + "' is still "
                    + "processing a batch of " + RocketMqAdmin.describe(queue) + " after " + patience.toMillis()
                    + " ms; the queue was not repositioned in place", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewindException("Interrupted while waiting for a batch of " + RocketMqAdmin.describe(queue), e);
        } catch (ExecutionException e) {
            throw new RewindException("Cannot wait for a batch of " + RocketMqAdmin.describe(queue), e);
        }
    }

    private static Object lockObject(DefaultMQPushConsumerImpl consumer, MessageQueue queue) {
        if (!(consumer.getConsumeMessageService() instanceof ConsumeMessageOrderlyService orderly)) {
            throw new RewindException("The consumer of group '" + consumer.groupName() + "' does not consume orderly");
        }
        try {
            return ((MessageQueueLock) queueLocksField().get(orderly)).fetchLockObject(queue);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new RewindException("Cannot read the queue locks of RocketMQ's orderly consume service: " + e, e);
        }
    }

    private static Field queueLocksField() {
        try {
            Field field = ConsumeMessageOrderlyService.class.getDeclaredField("messageQueueLock");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException e) {
            throw new RewindException("RocketMQ's ConsumeMessageOrderlyService has no field messageQueueLock (did "
                    + "the client version change?)", e);
        }
    }
}
