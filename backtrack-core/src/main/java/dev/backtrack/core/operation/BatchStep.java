package dev.backtrack.core.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What became of one (group, topic) pair of a batch that moves positions (a batch rewind, the undo of a batch).
 *
 * @param group the consumer group
 * @param topic the topic
 * @param status whether it moved, failed or was not attempted
 * @param result what the move did; null unless it moved
 * @param reason why it failed; null unless it failed
 * @param <R> the result of one move
 */
public record BatchStep<R>(String group, String topic, Status status, @Nullable R result, @Nullable String reason) {

    /** Whether a pair moved. */
    public enum Status {
        /** Its positions moved and were read back. */
        MOVED,
        /** Its move failed; see the reason. */
        FAILED,
        /** An earlier pair failed, so this one was not tried: its positions are as before. */
        NOT_ATTEMPTED
    }

    /** The step in one line: {@code group 'g' on topic 't': moved}, or failed with the reason. */
    public String describe() {
        return "group '" + group + "' on topic '" + topic + "': " + switch (status) {
            case MOVED -> "moved";
            case FAILED -> "FAILED: " + reason;
            case NOT_ATTEMPTED -> "not attempted (its positions are as before)";
        };
    }

    /**
     * Moves each of {@code items} with {@code move} in order and stops at the first failure: the pairs after it are
     * not attempted. Each item's group and topic are named by {@code group} and {@code topic}.
     */
    static <T, R> List<BatchStep<R>> run(List<T> items, Function<T, String> group, Function<T, String> topic,
            Function<T, R> move) {
        List<BatchStep<R>> steps = new ArrayList<>();
        String failure = null;
        for (T item : items) {
            if (failure != null) {
                steps.add(new BatchStep<>(group.apply(item), topic.apply(item), Status.NOT_ATTEMPTED, null, null));
                continue;
            }
            try {
                steps.add(new BatchStep<>(group.apply(item), topic.apply(item), Status.MOVED, move.apply(item), null));
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                steps.add(new BatchStep<>(group.apply(item), topic.apply(item), Status.FAILED, null, failure));
            }
        }
        return List.copyOf(steps);
    }
}
