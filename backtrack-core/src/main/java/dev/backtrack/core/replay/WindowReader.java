package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqClients;
import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads the stored messages of a queue between two offsets, in order, committing nothing. */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, which is what a window needs
public final class WindowReader implements AutoCloseable {

    /** The consumer group Backtrack reads windows under; it never commits an offset. */
    public static final String READER_GROUP = "BACKTRACK_WINDOW_READER";
    private static final int BATCH = 32;

    private final Pull pull;
    private final Runnable closer;

    /** Opens a reader on the admin's cluster, with its credentials. */
    public WindowReader(RocketMqAdmin admin) {
        DefaultMQPullConsumer consumer = RocketMqClients.of(admin, "window-reader").pullConsumer(READER_GROUP);
        try {
            consumer.start();
        } catch (MQClientException e) {
            consumer.shutdown();
            throw new RewindException("Cannot start a reader on " + admin.settings().nameServer() + ": "
                    + e.getErrorMessage(), e);
        }
        this.pull = (queue, offset, max) -> consumer.pull(queue, "*", offset, max);
        this.closer = () -> ClientCloser.inBackground("backtrack-window-reader-close", consumer::shutdown);
    }

    /** A reader pulling through {@code pull}, running {@code closer} when closed. */
    WindowReader(Pull pull, Runnable closer) {
        this.pull = pull;
        this.closer = closer;
    }

    /** Hands every message at offsets [begin, end) of the queue to {@code each}, in offset order. */
    public void read(MessageQueue queue, long begin, long end, Consumer<MessageExt> each) {
        long offset = begin;
        while (offset < end) {
            PullResult result;
            try {
                result = pull.pull(queue, offset, (int) Math.min(BATCH, end - offset));
            } catch (Exception e) {
                throw new RewindException("Cannot read " + RocketMqAdmin.describe(queue) + " at offset " + offset
                        + ": " + e.getMessage(), e);
            }
            if (result.getPullStatus() != PullStatus.FOUND) {
                if (result.getNextBeginOffset() <= offset) {
                    throw new RewindException("Cannot read " + RocketMqAdmin.describe(queue) + " at offset " + offset
                            + ": the broker answered " + result.getPullStatus());
                }
                offset = result.getNextBeginOffset(); // messages gone meanwhile
                continue;
            }
            for (MessageExt message : result.getMsgFoundList()) {
                if (message.getQueueOffset() >= offset && message.getQueueOffset() < end) {
                    each.accept(message);
                }
            }
            offset = Math.max(result.getNextBeginOffset(), offset + 1);
        }
    }

    /** Shuts the reader down in the background (see {@link ClientCloser}). */
    @Override
    public void close() {
        closer.run();
    }

    /** One pull of up to {@code max} messages of a queue from {@code offset}, every tag. */
    @FunctionalInterface
    interface Pull {
        PullResult pull(MessageQueue queue, long offset, int max) throws Exception;
    }
}
