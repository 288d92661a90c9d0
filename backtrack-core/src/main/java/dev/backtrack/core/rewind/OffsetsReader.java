package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.QueuePositions;
import dev.backtrack.core.cluster.RocketMqNames;
import java.util.List;

/** Reads where a consumer group stands on every queue of a topic. */
public class OffsetsReader {

    private final QueuePositions admin;

    /** Reads through the given admin connection. */
    public OffsetsReader(QueuePositions admin) {
        this.admin = admin;
    }

    /** The group's offsets on every queue of the topic, by broker then queue id. */
    public List<QueueOffsets> read(String group, String topic) {
        RocketMqNames.requireGroup(group);
        return admin.queues(topic).stream().map(q -> {
            long min = admin.minOffset(q.brokerAddress(), q.queue());
            long max = admin.maxOffset(q.brokerAddress(), q.queue());
            Long committed = admin.committedOffset(q.brokerAddress(), group, q.queue());
            long lag = max - (committed == null ? min : Math.max(min, committed));
            Long storeTime = committed != null && committed >= min && committed < max
                    ? admin.storeTimestampAt(q.brokerAddress(), q.queue(), committed) : null;
            return new QueueOffsets(q.queue().getBrokerName(), q.queue().getQueueId(), committed, min, max,
                    Math.max(0, lag), storeTime);
        }).toList();
    }
}
