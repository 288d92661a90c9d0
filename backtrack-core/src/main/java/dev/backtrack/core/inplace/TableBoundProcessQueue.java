package dev.backtrack.core.inplace;

import java.util.Map;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * A consumer's buffer for one queue that counts as dropped as soon as it is no longer that queue's entry in the
 * consumer's table. RocketMQ's rebalance removes a queue it gives away by key and drops the buffer it saw: if that was
 * the buffer this one replaced, this one still stops pulling, consuming and committing.
 */
final class TableBoundProcessQueue extends ProcessQueue {

    private final Map<MessageQueue, ProcessQueue> table;
    private final MessageQueue queue;

    TableBoundProcessQueue(Map<MessageQueue, ProcessQueue> table, MessageQueue queue) {
        this.table = table;
        this.queue = queue;
    }

    @Override
    public boolean isDropped() {
        return super.isDropped() || table.get(queue) != this;
    }
}
