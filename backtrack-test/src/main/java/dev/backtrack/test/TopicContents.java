package dev.backtrack.test;

import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads what a topic holds, queue by queue and offset by offset, without a consumer group's offsets. */
public final class TopicContents {

    private TopicContents() {
    }

    /** Hands every message stored in {@code topic} now to {@code each}, read with the started {@code reader}. */
    @SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, with no rebalancing
    public static void forEachStored(DefaultMQPullConsumer reader, String topic, Consumer<MessageExt> each)
            throws Exception {
        for (MessageQueue queue : reader.fetchSubscribeMessageQueues(topic)) {
            long offset = reader.minOffset(queue);
            long max = reader.maxOffset(queue);
            while (offset < max) {
                PullResult result = reader.pull(queue, "*", offset, 32);
                if (result.getPullStatus() == PullStatus.FOUND) {
                    result.getMsgFoundList().forEach(each);
                }
                offset = Math.max(result.getNextBeginOffset(), offset + 1);
            }
        }
    }
}
