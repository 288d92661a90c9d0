package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.OffsetRange;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.QueuePositions;
import dev.backtrack.core.cluster.RocketMqNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads where a consumer group stands on every queue of a topic, asking for every queue at once. */
public class OffsetsReader {

    private final QueuePositions admin;

    /** Reads through the given admin connection. */
    public OffsetsReader(QueuePositions admin) {
        this.admin = admin;
    }

    /** The group's offsets on every queue of the topic, by broker then queue id. */
    public List<QueueOffsets> read(String group, String topic) {
        RocketMqNames.requireGroup(group);
        List<QueueAddress> queues = admin.queues(topic);
        Map<MessageQueue, OffsetRange> ranges = admin.offsetRanges(queues);
        Map<MessageQueue, Long> committed = admin.committedOffsets(group, queues);
        Map<QueueAddress, Long> readable = new LinkedHashMap<>();
        queues.forEach(q -> {
            Long offset = committed.get(q.queue());
            if (offset != null && offset >= ranges.get(q.queue()).min() && offset < ranges.get(q.queue()).max()) {
                readable.put(q, offset);
            }
        });
        Map<MessageQueue, Long> storeTimes = admin.storeTimestampsAt(readable);
        return queues.stream().map(q -> {
            OffsetRange range = ranges.get(q.queue());
            Long offset = committed.get(q.queue());
            long lag = range.max() - (offset == null ? range.min() : Math.max(range.min(), offset));
            return new QueueOffsets(q.queue().getBrokerName(), q.queue().getQueueId(), offset, range.min(),
                    range.max(), Math.max(0, lag), storeTimes.get(q.queue()));
        }).toList();
    }
}
