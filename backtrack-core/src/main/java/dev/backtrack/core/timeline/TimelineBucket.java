package dev.backtrack.core.timeline;

/**
 * The messages of a topic stored in one time bucket.
 *
 * @param start first instant of the bucket, epoch milliseconds (inclusive)
 * @param end end of the bucket, epoch milliseconds (exclusive)
 * @param count messages stored in [start, end) on every queue of every broker
 */
public record TimelineBucket(long start, long end, long count) {
}
