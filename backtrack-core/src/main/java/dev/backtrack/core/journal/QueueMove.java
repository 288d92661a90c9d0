package dev.backtrack.core.journal;

/** One queue's move in a journal entry: from the committed offset (null if none) to the target. */
public record QueueMove(String broker, int queueId, Long from, long to) {
}
