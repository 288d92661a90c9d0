package dev.backtrack.core.inplace;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingException;

/**
 * A push consumer's offset store that keeps a broker-driven reset it was handed until the queue is taken again.
 *
 * <p>After an in-place rewind a queue can have two pulls parked on its broker: the old pull loop's and the new one's.
 * A broker-driven reset goes to whichever the broker answers first. When the old loop takes it, RocketMQ's client
 * stores the reset offset ({@link #updateAndFreezeOffset}) and takes the queue again, reading its offset from the
 * broker; the new loop's next pull may meanwhile have committed its own, later offset there, and the queue would
 * resume past the reset. This store answers that one read with the reset it was handed instead.
 */
final class ResetKeepingOffsetStore extends RemoteBrokerOffsetStore {

    /** How long a reset is kept for the read that takes the queue again. */
    static final Duration KEEP = Duration.ofSeconds(30);

    private final OffsetStore delegate;
    private final Map<MessageQueue, long[]> resets = new ConcurrentHashMap<>();

    private ResetKeepingOffsetStore(DefaultMQPushConsumerImpl impl, OffsetStore delegate) {
        super(impl.getmQClientFactory(), impl.groupName());
        this.delegate = delegate;
    }

    /** Puts this store in front of the consumer's own, once; a consumer that has one already keeps it. */
    static void install(DefaultMQPushConsumerImpl impl) {
        synchronized (impl) {
            OffsetStore current = impl.getOffsetStore();
            if (current instanceof RemoteBrokerOffsetStore && !(current instanceof ResetKeepingOffsetStore)) {
                impl.setOffsetStore(new ResetKeepingOffsetStore(impl, current));
            }
        }
    }

    @Override
    public void load() {
        // the delegate was loaded when the consumer started
    }

    @Override
    public void updateOffset(MessageQueue mq, long offset, boolean increaseOnly) {
        delegate.updateOffset(mq, offset, increaseOnly);
    }

    @Override
    public void updateAndFreezeOffset(MessageQueue mq, long offset) {
        resets.put(mq, new long[] {offset, System.nanoTime() + KEEP.toNanos()});
        delegate.updateAndFreezeOffset(mq, offset);
    }

    @Override
    public long readOffset(MessageQueue mq, ReadOffsetType type) {
        if (type == ReadOffsetType.READ_FROM_STORE) {
            long[] reset = resets.remove(mq);
            if (reset != null && System.nanoTime() < reset[1]) {
                delegate.updateOffset(mq, reset[0], false);
                return reset[0];
            }
        }
        return delegate.readOffset(mq, type);
    }

    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        delegate.persistAll(mqs);
    }

    @Override
    public void persist(MessageQueue mq) {
        delegate.persist(mq);
    }

    @Override
    public void removeOffset(MessageQueue mq) {
        delegate.removeOffset(mq);
    }

    @Override
    public Map<MessageQueue, Long> cloneOffsetTable(String topic) {
        return delegate.cloneOffsetTable(topic);
    }

    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        delegate.updateConsumeOffsetToBroker(mq, offset, isOneway);
    }
}
