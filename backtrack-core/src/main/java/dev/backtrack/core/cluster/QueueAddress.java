package dev.backtrack.core.cluster;

import org.apache.rocketmq.common.message.MessageQueue;

/** A queue of a topic and the address of the master broker that holds it. */
public record QueueAddress(MessageQueue queue, String brokerAddress) {
}
