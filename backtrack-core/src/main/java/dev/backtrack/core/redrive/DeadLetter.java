package dev.backtrack.core.redrive;

import dev.backtrack.core.peek.PeekedMessage;

/**
 * A dead letter, for looking at before a redrive.
 *
 * @param originalTopic the topic the message was published to (where a redrive delivers it again)
 * @param reconsumeTimes how often the group failed it (RocketMQ's reconsume count, 1 for a message that went
 *     straight to the dead-letter topic)
 * @param message the dead letter as stored in the dead-letter topic
 */
public record DeadLetter(String originalTopic, int reconsumeTimes, PeekedMessage message) {
}
