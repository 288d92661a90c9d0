package dev.backtrack.core.replay;

/**
 * What was replayed from one queue: {@code replayed} messages of offsets [{@code beginOffset}, {@code endOffset})
 * (the end is where the replay stopped when it failed part way).
 */
public record QueueReplay(String broker, int queueId, long beginOffset, long endOffset, long replayed) {
}
