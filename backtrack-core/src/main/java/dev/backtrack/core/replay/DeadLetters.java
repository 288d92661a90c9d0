package dev.backtrack.core.replay;

import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * RocketMQ's dead-letter topic of a group ({@code %DLQ%<group>}, where a message goes once the group's retries are
 * used up) and what a dead letter keeps of the message it was: body, keys, tags and properties, and the topic it was
 * published to in its retry-topic property.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The group's dead-letter topic. */
    public static String topicOf(String group) {
        return MixAll.getDLQTopic(group);
    }

    /** Whether {@code topic} is a group's dead-letter topic. */
    public static boolean isDeadLetterTopic(String topic) {
        return topic.startsWith(MixAll.DLQ_GROUP_TOPIC_PREFIX);
    }

    /**
     * The topic the message was published to: for a dead letter, the topic its retry-topic property names (the
     * broker sets it when the message first goes back for a retry); for any other message, its own topic.
     */
    public static String originalTopic(MessageExt message) {
        String named = message.getProperty(MessageConst.PROPERTY_RETRY_TOPIC);
        return isDeadLetterTopic(message.getTopic()) && named != null && !named.isBlank() ? named
                : message.getTopic();
    }
}
