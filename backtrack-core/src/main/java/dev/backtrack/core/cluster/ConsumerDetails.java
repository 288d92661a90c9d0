package dev.backtrack.core.cluster;

import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.jspecify.annotations.Nullable;

/**
 * What a group's connected consumers tell about themselves: their subscriptions and consume type, and each one's
 * running info (e.g. whether it consumes orderly). Read only.
 */
public interface ConsumerDetails {

    /** The group's consumer connections as the broker knows them (subscriptions, consume type), or null when none. */
    @Nullable ConsumerConnection consumerConnection(String group);

    /** What the group's connected consumer {@code clientId} reports about itself (e.g. whether it consumes orderly). */
    ConsumerRunningInfo runningInfo(String group, String clientId);
}
