package dev.backtrack.core.cluster;

/**
 * A queue's offset bounds.
 *
 * @param min the smallest retained offset
 * @param max the next offset to be written
 */
public record OffsetRange(long min, long max) {
}
