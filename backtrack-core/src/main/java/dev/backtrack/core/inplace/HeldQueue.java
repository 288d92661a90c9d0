package dev.backtrack.core.inplace;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.impl.consumer.PullRequest;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * A queue a push consumer holds, taken out of its pull loop so that it can be repositioned, then either pulled again
 * at once from a given offset or given back to RocketMQ's rebalance. The queue never has two pull loops: the old
 * buffer is dropped (its in-flight pull ends when it returns), the new one is pulled by exactly one request.
 */
final class HeldQueue {

    /**
     * Message count given to the dropped buffer: RocketMQ stores the offset of an empty buffer's pull that found no
     * new messages, so the old loop's pending long poll would otherwise store its old, higher offset over the target.
     */
    private static final long NEVER_EMPTY = Long.MAX_VALUE / 2;
    /** How long taking a queue of an orderly consumer out waits for the batch it is processing there. */
    private static final Duration ORDERLY_BATCH_PATIENCE = Duration.ofSeconds(5);

    private final DefaultMQPushConsumerImpl consumer;
    private final MessageQueue queue;
    private final ProcessQueue dropped;

    private HeldQueue(DefaultMQPushConsumerImpl consumer, MessageQueue queue, ProcessQueue dropped) {
        this.consumer = consumer;
        this.queue = queue;
        this.dropped = dropped;
    }

    /**
     * Stops pulling and committing on {@code queue} if the consumer holds it: in-flight work finishes, its offsets
     * are ignored; the queue stays in the consumer's table (so the rebalance does not take it again meanwhile). For an
     * orderly consumer this returns once the batch it is processing on the queue has finished (up to 5 s, else it
     * fails and gives the queue back), so that the queue's order holds across the rewind.
     */
    static Optional<HeldQueue> takeOut(DefaultMQPushConsumerImpl consumer, MessageQueue queue) {
        ProcessQueue buffered = table(consumer).get(queue);
        if (buffered == null) {
            return Optional.empty();
        }
        buffered.setDropped(true);
        buffered.getMsgCount().addAndGet(NEVER_EMPTY);
        HeldQueue held = new HeldQueue(consumer, queue, buffered);
        if (consumer.isConsumeOrderly()) {
            try {
                OrderlyBatchGate.awaitBatch(consumer, queue, ORDERLY_BATCH_PATIENCE);
            } catch (RuntimeException e) {
                held.giveBack();
                throw e;
            }
        }
        return Optional.of(held);
    }

    /** The queue taken out. */
    MessageQueue queue() {
        return queue;
    }

    /**
     * Has the consumer pull the queue from {@code offset} now, with a new buffer; false when the rebalance gave the
     * queue away meanwhile (then nothing is pulled here).
     */
    boolean pullFrom(long offset) {
        ConcurrentMap<MessageQueue, ProcessQueue> table = table(consumer);
        TableBoundProcessQueue fresh = new TableBoundProcessQueue(table, queue);
        // An orderly consumer pulls and consumes only queues it has locked on the broker: the lock is still held.
        fresh.setLocked(dropped.isLocked());
        fresh.setLastLockTimestamp(dropped.getLastLockTimestamp());
        // Again, in case a consume call that began before the drop stored its progress over the target since.
        consumer.getOffsetStore().updateOffset(queue, offset, false);
        if (!table.replace(queue, dropped, fresh)) {
            return false;
        }
        PullRequest request = new PullRequest();
        request.setConsumerGroup(consumer.groupName());
        request.setMessageQueue(queue);
        request.setProcessQueue(fresh);
        request.setNextOffset(offset);
        request.setPreviouslyLocked(true); // an orderly pull would otherwise read the offset from the broker again
        consumer.executePullRequestImmediately(request);
        return true;
    }

    /** Removes the queue from the consumer's table: its next rebalance takes it again from the committed offset. */
    void giveBack() {
        table(consumer).remove(queue, dropped);
    }

    private static ConcurrentMap<MessageQueue, ProcessQueue> table(DefaultMQPushConsumerImpl consumer) {
        return consumer.getRebalanceImpl().getProcessQueueTable();
    }
}
