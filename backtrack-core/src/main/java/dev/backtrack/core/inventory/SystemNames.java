package dev.backtrack.core.inventory;

import java.util.List;
import java.util.Set;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.topic.TopicValidator;

/** Which topics and groups belong to RocketMQ or to Backtrack rather than to applications. */
final class SystemNames {

    private static final List<String> TOPIC_PREFIXES = List.of(MixAll.RETRY_GROUP_TOPIC_PREFIX,
            MixAll.DLQ_GROUP_TOPIC_PREFIX, "RMQ_SYS_", "rmq_sys_", "BACKTRACK_", TopicValidator.SYSTEM_TOPIC_PREFIX);

    private SystemNames() {
    }

    /**
     * Whether the topic is RocketMQ's (retry, dead letters, system, a broker's or cluster's own, a cluster's reply
     * topic) or Backtrack's.
     */
    static boolean isSystemTopic(String topic, Set<String> clusterAndBrokerNames) {
        return TopicValidator.isSystemTopic(topic) || clusterAndBrokerNames.contains(topic)
                || clusterAndBrokerNames.stream().anyMatch(name -> topic.equals(MixAll.getReplyTopic(name)))
                || TOPIC_PREFIXES.stream().anyMatch(topic::startsWith) || topic.equals("TBW102");
    }

    /** Whether the group is one of RocketMQ's own or one of Backtrack's clients. */
    static boolean isSystemGroup(String group) {
        return MixAll.isSysConsumerGroup(group) || MixAll.isPredefinedGroup(group) || group.startsWith("BACKTRACK_");
    }
}
