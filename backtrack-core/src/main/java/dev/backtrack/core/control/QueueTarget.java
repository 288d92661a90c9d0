package dev.backtrack.core.control;

/** Where one queue must be positioned. */
public record QueueTarget(String broker, int queueId, long offset) {
}
