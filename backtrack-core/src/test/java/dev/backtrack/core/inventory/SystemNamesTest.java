package dev.backtrack.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which topics and groups the console leaves out as RocketMQ's or Backtrack's own. */
class SystemNamesTest {

    private static final Set<String> CLUSTER = Set.of("DefaultCluster", "broker-a");

    @Test
    void rocketMqsAndBacktracksTopicsAreLeftOutApplicationTopicsAreNot() {
        assertThat(Set.of("%RETRY%billing", "%DLQ%billing", "RMQ_SYS_TRACE_TOPIC", "rmq_sys_wheel_timer",
                "SCHEDULE_TOPIC_XXXX", "TBW102", "BACKTRACK_JOURNAL", "BACKTRACK_CONTROL", "broker-a", "DefaultCluster",
                "DefaultCluster_REPLY_TOPIC", "OFFSET_MOVED_EVENT"))
                .allMatch(topic -> SystemNames.isSystemTopic(topic, CLUSTER));
        assertThat(Set.of("orders", "test-topic3", "broker-b_orders", "REPLY_TOPIC", "Other_REPLY_TOPIC"))
                .noneMatch(topic -> SystemNames.isSystemTopic(topic, CLUSTER));
    }

    @Test
    void rocketMqsAndBacktracksGroupsAreLeftOutApplicationGroupsAreNot() {
        assertThat(Set.of("TOOLS_CONSUMER", "CID_RMQ_SYS_TRACE", "BACKTRACK_JOURNAL_READER", "SELF_TEST_C_GROUP"))
                .allMatch(SystemNames::isSystemGroup);
        assertThat(Set.of("billing", "backtracking-consumer-group")).noneMatch(SystemNames::isSystemGroup);
    }
}
