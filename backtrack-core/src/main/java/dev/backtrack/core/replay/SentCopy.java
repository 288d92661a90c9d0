package dev.backtrack.core.replay;

import org.apache.rocketmq.common.message.MessageQueue;

/**
 * One message a window replay or a redrive sent, as the broker confirmed it.
 *
 * @param retryQueue the group's retry queue it was stored in
 * @param retryOffset its offset there
 * @param msgId the message id the group's listener sees (the original's)
 * @param origin where the original is stored, as "broker/queueId"
 * @param originOffset the original's offset in that queue
 */
public record SentCopy(MessageQueue retryQueue, long retryOffset, String msgId, String origin, long originOffset) {
}
