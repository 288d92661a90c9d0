package dev.backtrack.core.rewind;

import org.jspecify.annotations.Nullable;

/**
 * A queue whose committed offset, read back after a rewind, is not the one the plan wanted.
 *
 * @param broker broker name
 * @param queueId queue id on that broker
 * @param expected the plan's target offset
 * @param actual the committed offset read back, or null when the broker has none for the group
 */
public record OffsetMismatch(String broker, int queueId, long expected, @Nullable Long actual) {

    /** One line naming the queue, the expected and the actual offset. */
    public String describe() {
        return broker + "/" + queueId + ": expected " + expected + ", found "
                + (actual == null ? "no offset" : actual.toString());
    }
}
