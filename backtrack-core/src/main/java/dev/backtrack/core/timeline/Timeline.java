package dev.backtrack.core.timeline;

import java.util.List;

/**
 * Message counts of a topic per time bucket over [from, until), and optionally where a group stands.
 *
 * @param topic the topic
 * @param from start of the range, epoch milliseconds (inclusive)
 * @param until end of the range, epoch milliseconds (exclusive)
 * @param bucketMillis length of each bucket (the last one may be shorter)
 * @param buckets the buckets, oldest first
 * @param total messages stored in the range
 * @param position the group's position per queue, by broker then queue id; empty without a group
 */
public record Timeline(String topic, long from, long until, long bucketMillis, List<TimelineBucket> buckets,
        long total, List<QueuePosition> position) {
}
