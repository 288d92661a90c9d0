package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullCallback;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's read rate with no consumer around it, the practical limit of any consumer: {@value #WINDOW}
 * asynchronous pull requests in flight per queue, each for its own slice of the queue from the plan's target offset to
 * the end; each callback counts the ids and asks for its next slice. No offsets are stored, no messages are cached or
 * dispatched, no thread waits.
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer is the one client that pulls by explicit offset, nothing more
public final class BrokerReadReplay implements ReplayPath {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerReadReplay.class);
    private static final int MAX_FAILURES_IN_A_ROW = 20;
    private static final int WINDOW = 4;

    private final String nameServer;
    private final int batchSize;

    /** A broker read of the cluster of {@code nameServer} asking for {@code batchSize} messages per request. */
    public BrokerReadReplay(String nameServer, int batchSize) {
        this.nameServer = nameServer;
        this.batchSize = batchSize;
    }

    @Override
    public String label() {
        return "broker read limit (async pull, no consumer)";
    }

    @Override
    public void replay(RewindPlan plan, ReplayCounter counter) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(plan.group());
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.start();
        try {
            for (QueueRewind queue : plan.queues()) {
                MessageQueue messageQueue = new MessageQueue(plan.topic(), queue.broker(), queue.queueId());
                for (int slice = 0; slice < WINDOW; slice++) {
                    long from = queue.targetOffset() + (long) slice * batchSize;
                    if (from < queue.maxOffset()) {
                        new SliceReader(consumer, messageQueue, queue.maxOffset(), counter).start(from);
                    }
                }
            }
            counter.awaitCaughtUp(label(), STALL_SECONDS);
        } finally {
            consumer.shutdown();
        }
    }

    /**
     * Reads every {@value #WINDOW}th slice of {@code batchSize} messages of one queue up to its end offset, one request
     * at a time.
     */
    private final class SliceReader implements PullCallback {

        private final DefaultMQPullConsumer consumer;
        private final MessageQueue queue;
        private final long endOffset;
        private final ReplayCounter counter;
        private final AtomicInteger failuresInARow = new AtomicInteger();
        private volatile long sliceStart;
        private volatile long offset;

        SliceReader(DefaultMQPullConsumer consumer, MessageQueue queue, long endOffset, ReplayCounter counter) {
            this.consumer = consumer;
            this.queue = queue;
            this.endOffset = endOffset;
            this.counter = counter;
        }

        void start(long from) {
            sliceStart = from;
            pull(from);
        }

        void pull(long from) {
            offset = from;
            try {
                int wanted = (int) Math.min(batchSize, Math.min(sliceStart + batchSize, endOffset) - from);
                consumer.pull(queue, "*", from, wanted, this);
            } catch (Exception e) {
                onException(e);
            }
        }

        @Override
        public void onSuccess(PullResult result) {
            failuresInARow.set(0);
            if (result.getPullStatus() == PullStatus.FOUND) {
                for (MessageExt message : result.getMsgFoundList()) {
                    counter.record(OrderIds.idOf(message.getBody()));
                }
            }
            long next = result.getNextBeginOffset();
            if (next > offset && next < Math.min(sliceStart + batchSize, endOffset)) {
                pull(next); // the broker sent part of the slice
            } else if (sliceStart + (long) WINDOW * batchSize < endOffset) {
                start(sliceStart + (long) WINDOW * batchSize);
            }
        }

        @Override
        public void onException(Throwable e) {
            if (failuresInARow.incrementAndGet() > MAX_FAILURES_IN_A_ROW) {
                LOG.warn("Giving up reading {} at offset {} after {} failures in a row", queue, offset,
                        MAX_FAILURES_IN_A_ROW, e);
                return;
            }
            pull(offset);
        }
    }
}
