package dev.backtrack.core.timeline;

import dev.backtrack.core.InvalidRewindInputException;

/**
 * The edges of {@code count} equal buckets over [from, until).
 *
 * @param from start, epoch milliseconds (inclusive)
 * @param until end, epoch milliseconds (exclusive)
 * @param count number of buckets
 */
public record TimeBuckets(long from, long until, int count) {

    /** Most buckets a timeline may have. */
    public static final int MAX = 500;

    /** Checks that the range is not empty and that there are 1 to {@value #MAX} buckets, no more than milliseconds. */
    public TimeBuckets {
        if (until <= from) {
            throw new InvalidRewindInputException("The time range is empty: its end (" + until + " ms) is not after "
                    + "its start (" + from + " ms); accepted: a start before the end");
        }
        if (count < 1 || count > MAX) {
            throw new InvalidRewindInputException("Number of buckets " + count + " is out of range; accepted: 1 to "
                    + MAX);
        }
        if (until - from < count) {
            throw new InvalidRewindInputException("A range of " + (until - from) + " ms cannot hold " + count
                    + " buckets of at least 1 ms; accepted: at most " + (until - from) + " buckets");
        }
    }

    /** Length of a bucket (when the range does not divide evenly, buckets differ by at most 1 ms). */
    public long bucketMillis() {
        return (until - from) / count;
    }

    /** The {@code count + 1} edges, from {@code from} to {@code until}, spread evenly. */
    public long[] edges() {
        long[] edges = new long[count + 1];
        long span = until - from;
        for (int i = 0; i <= count; i++) {
            edges[i] = from + Math.multiplyExact(span, (long) i) / count;
        }
        return edges;
    }
}
