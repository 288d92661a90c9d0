package dev.backtrack.core.replay;

import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Builds the copy of a stored message that goes into a group's retry topic: body, tags, keys, user properties and
 * message id (the unique key) kept; the retry-topic property naming the original topic (for a dead letter, the topic
 * it was published to), so that the consumer hands it to its listener under that topic; Backtrack's properties
 * saying where the original is stored; no delay.
 */
public final class ReplayedMessages {

    /** Property: the original message's id (what the listener sees as msgId, kept as well). */
    public static final String ORIGIN_MSG_ID = "BACKTRACK_ORIGIN_MSG_ID";
    /** Property: the original message's queue, as "broker/queueId". */
    public static final String ORIGIN_QUEUE = "BACKTRACK_ORIGIN_QUEUE";
    /** Property: the original message's offset in its queue. */
    public static final String ORIGIN_OFFSET = "BACKTRACK_ORIGIN_OFFSET";
    /** Property: the original message's store time, epoch milliseconds. */
    public static final String ORIGIN_STORE_TIME = "BACKTRACK_ORIGIN_STORE_TIME";

    /** Property: the id of the run (window replay or redrive) that sent the copy, its journal entry's id. */
    public static final String RUN = "BACKTRACK_RUN";

    /** Properties the broker or client set for one delivery, a delay or a transaction: not carried over. */
    private static final List<String> NOT_COPIED = List.of(MessageConst.PROPERTY_DELAY_TIME_LEVEL,
            MessageConst.PROPERTY_TIMER_DELAY_SEC, MessageConst.PROPERTY_TIMER_DELIVER_MS,
            MessageConst.PROPERTY_TIMER_DELAY_MS, MessageConst.PROPERTY_TIMER_OUT_MS,
            MessageConst.PROPERTY_TIMER_ENQUEUE_MS, MessageConst.PROPERTY_TIMER_DEQUEUE_MS,
            MessageConst.PROPERTY_TIMER_ROLL_TIMES, MessageConst.PROPERTY_TIMER_DEL_UNIQKEY,
            MessageConst.PROPERTY_TIMER_DELAY_LEVEL, "__STARTDELIVERTIME", MessageConst.PROPERTY_REAL_TOPIC,
            MessageConst.PROPERTY_REAL_QUEUE_ID, MessageConst.PROPERTY_TRANSACTION_PREPARED,
            MessageConst.PROPERTY_TRANSACTION_PREPARED_QUEUE_OFFSET, MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES,
            MessageConst.PROPERTY_MIN_OFFSET, MessageConst.PROPERTY_MAX_OFFSET, MessageConst.PROPERTY_RECONSUME_TIME,
            MessageConst.PROPERTY_MAX_RECONSUME_TIMES, MessageConst.PROPERTY_CONSUME_START_TIMESTAMP,
            MessageConst.PROPERTY_PRODUCER_GROUP, MessageConst.PROPERTY_RETRY_TOPIC,
            MessageConst.PROPERTY_INNER_NUM, MessageConst.PROPERTY_INNER_BASE, MessageConst.PROPERTY_POP_CK,
            MessageConst.PROPERTY_POP_CK_OFFSET, MessageConst.PROPERTY_FIRST_POP_TIME,
            MessageConst.PROPERTY_INNER_MULTI_DISPATCH, MessageConst.PROPERTY_INNER_MULTI_QUEUE_OFFSET,
            MessageConst.PROPERTY_CRC32, MessageConst.PROPERTY_CLUSTER);

    private ReplayedMessages() {
    }

    /**
     * The copy of {@code original}, read from {@code queue}, for the retry topic {@code retryTopic}, sent by run
     * {@code run}.
     */
    public static Message copyFor(String retryTopic, MessageQueue queue, MessageExt original, String run) {
        Message copy = new Message(retryTopic, original.getBody());
        Map<String, String> properties = new java.util.HashMap<>(original.getProperties());
        NOT_COPIED.forEach(properties::remove);
        properties.keySet().removeIf(name -> name.startsWith(MessageConst.PROPERTY_TRANSIENT_PREFIX));
        MessageAccessor.setProperties(copy, properties);
        copy.setFlag(original.getFlag());
        MessageAccessor.putProperty(copy, MessageConst.PROPERTY_RETRY_TOPIC, DeadLetters.originalTopic(original));
        MessageAccessor.putProperty(copy, ORIGIN_MSG_ID, original.getMsgId());
        MessageAccessor.putProperty(copy, ORIGIN_QUEUE, queue.getBrokerName() + "/" + queue.getQueueId());
        MessageAccessor.putProperty(copy, ORIGIN_OFFSET, Long.toString(original.getQueueOffset()));
        MessageAccessor.putProperty(copy, ORIGIN_STORE_TIME, Long.toString(original.getStoreTimestamp()));
        MessageAccessor.putProperty(copy, RUN, run);
        return copy;
    }
}
