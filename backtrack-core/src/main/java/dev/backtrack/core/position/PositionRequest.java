package dev.backtrack.core.position;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.text.BadValues;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Where a rewind should put a group on each queue: one of a time, offsets, a shift or another group's offsets. */
public sealed interface PositionRequest {

    /** The accepted forms of an offset request, for error messages. */
    String OFFSET_FORMS = "one offset for every queue (e.g. 5) or a list BROKER/QUEUE_ID=OFFSET,... "
            + "(e.g. broker-a/0=5,broker-a/1=7); offsets are whole numbers, 0 or more";
    /** The accepted form of a shift, for error messages. */
    String SHIFT_FORM = "a whole number of messages, -N (back) or +N (forward), e.g. -100";

    /** What was asked, in a few words, as recorded in the journal (e.g. {@code offset 5}, {@code shift -100}). */
    String describe();

    /**
     * The first message stored at or after a time.
     *
     * @param timestamp epoch milliseconds (store time, inclusive)
     * @param written the time as the user wrote it (e.g. {@code -1h})
     */
    record AtTime(long timestamp, String written) implements PositionRequest {
        @Override
        public String describe() {
            return written;
        }
    }

    /** The same offset on every queue. */
    record ToOffset(long offset) implements PositionRequest {
        @Override
        public String describe() {
            return "offset " + offset;
        }
    }

    /** An offset per queue; the queues not named do not move. */
    record ToOffsets(SortedMap<QueueRef, Long> offsets) implements PositionRequest {

        /** Keeps a sorted copy of the offsets. */
        public ToOffsets {
            offsets = new TreeMap<>(offsets);
        }

        @Override
        public String describe() {
            return "offsets " + offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }
    }

    /** Every queue moves this many messages from its committed offset (negative: back). */
    record ShiftBy(long messages) implements PositionRequest {
        @Override
        public String describe() {
            return "shift " + (messages > 0 ? "+" : "") + messages;
        }
    }

    /** The committed offsets of another group of the same topic. */
    record ToGroupOf(String group) implements PositionRequest {
        @Override
        public String describe() {
            return "group of " + group;
        }
    }

    /**
     * An offset request from {@code text}: one offset ({@code 5}) or a list {@code broker-a/0=5,broker-a/1=7};
     * {@code what} names the value in errors (e.g. {@code --to-offset}).
     */
    static PositionRequest offsets(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidRewindInputException(what + " is empty; accepted: " + OFFSET_FORMS);
        }
        if (!text.contains("=") && !text.contains("/") && !text.contains(",")) {
            String value = text.strip();
            if (!isOffset(value)) {
                throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + " is not an offset; "
                        + "accepted: " + OFFSET_FORMS);
            }
            return new ToOffset(Long.parseLong(value));
        }
        SortedMap<QueueRef, Long> offsets = new TreeMap<>();
        for (String item : text.split(",", -1)) {
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + ": item "
                        + BadValues.quote(item) + " has no '='; accepted: " + OFFSET_FORMS);
            }
            QueueRef queue = QueueRef.parse(item.substring(0, equals), what + " queue");
            String value = item.substring(equals + 1).strip();
            if (!isOffset(value)) {
                throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + ": offset "
                        + BadValues.quote(value) + " of " + queue + " is not an offset; accepted: " + OFFSET_FORMS);
            }
            if (offsets.put(queue, Long.parseLong(value)) != null) {
                throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + " names queue " + queue
                        + " twice; accepted: " + OFFSET_FORMS);
            }
        }
        return new ToOffsets(offsets);
    }

    /** A shift from {@code text} ({@code -100}, {@code +100}); {@code what} names the value in errors. */
    static ShiftBy shift(String text, String what) {
        String value = text == null ? "" : text.strip();
        if (!value.matches("[+-]?[0-9]{1,18}")) {
            throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + " is not a shift; accepted: "
                    + SHIFT_FORM);
        }
        return new ShiftBy(Long.parseLong(value));
    }

    /** Another group's offsets; {@code what} names the value in errors. */
    static ToGroupOf groupOf(String group, String what) {
        try {
            return new ToGroupOf(RocketMqNames.requireGroup(group == null ? null : group.strip()));
        } catch (InvalidRewindInputException e) {
            throw new InvalidRewindInputException(what + ": " + e.getMessage());
        }
    }

    private static boolean isOffset(String value) {
        return value.matches("[0-9]{1,18}");
    }
}
