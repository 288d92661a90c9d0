package dev.backtrack.core.cluster;

import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads stored messages by offset, with their bodies, under no consumer group of its own: nothing is committed. */
public interface MessageReading {

    /**
     * Up to {@code max} messages of the queue from {@code offset} on, in offset order, as one read returns them (the
     * broker may return fewer; none past the queue's end or below its min offset).
     */
    List<MessageExt> readMessages(String brokerAddress, MessageQueue queue, long offset, int max);
}
