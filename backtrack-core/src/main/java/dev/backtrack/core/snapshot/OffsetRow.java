package dev.backtrack.core.snapshot;

import dev.backtrack.core.position.QueueRef;

/**
 * One row of an offsets file: a queue of a topic and the offset to put the group at.
 *
 * @param line the row's line number in the file (the header is line 1)
 * @param topic the topic
 * @param queue the queue ({@code broker/queueId})
 * @param offset the offset, 0 or more
 */
public record OffsetRow(int line, String topic, QueueRef queue, long offset) {
}
