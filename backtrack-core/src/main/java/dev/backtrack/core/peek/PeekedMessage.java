package dev.backtrack.core.peek;

import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageExt;
import org.jspecify.annotations.Nullable;

/**
 * One message as stored, for looking at.
 *
 * @param storeTime the broker's store time, epoch milliseconds
 * @param broker broker name
 * @param queueId queue id on that broker
 * @param offset offset in the queue
 * @param msgId the message id the producer gave it (the broker's offset id when there is none)
 * @param keys the message keys, or null
 * @param tags the message tag, or null
 * @param body the body, readable
 */
public record PeekedMessage(long storeTime, String broker, int queueId, long offset, String msgId,
        @Nullable String keys, @Nullable String tags, PeekedBody body) {

    /** {@code message} as read, with at most {@code maxBodyBytes} bytes of its body. */
    public static PeekedMessage of(MessageExt message, int maxBodyBytes) {
        String id = MessageClientIDSetter.getUniqID(message);
        return new PeekedMessage(message.getStoreTimestamp(), message.getBrokerName(), message.getQueueId(),
                message.getQueueOffset(), id != null ? id : message.getMsgId(), message.getKeys(), message.getTags(),
                PeekedBody.of(message.getBody() == null ? new byte[0] : message.getBody(), maxBodyBytes));
    }
}
