package dev.backtrack.core.position;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * One queue of a topic as a user names it: {@code broker/queueId}, e.g. {@code broker-a/0}.
 *
 * @param broker broker name
 * @param queueId queue id on that broker
 */
public record QueueRef(String broker, int queueId) implements Comparable<QueueRef> {

    /** The accepted form, for error messages. */
    public static final String FORM = "BROKER/QUEUE_ID, e.g. broker-a/0";

    private static final Pattern SHAPE = Pattern.compile("([%|a-zA-Z0-9_.-]+)/([0-9]{1,9})");
    private static final Comparator<QueueRef> ORDER = Comparator.comparing(QueueRef::broker)
            .thenComparingInt(QueueRef::queueId);

    /** The queue named by {@code text} ({@value #FORM}); {@code what} names the value in the error otherwise. */
    public static QueueRef parse(String text, String what) {
        Matcher matcher = SHAPE.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new InvalidRewindInputException(what + " " + BadValues.quote(text) + " is not a queue; accepted: "
                    + FORM);
        }
        return new QueueRef(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    /**
     * The queues named by {@code values}, each one queue or several separated by commas; {@code what} names a value
     * in the error when one is not a queue.
     */
    public static SortedSet<QueueRef> parseAll(List<String> values, String what) {
        SortedSet<QueueRef> queues = new TreeSet<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                queues.add(parse(item, what));
            }
        }
        return queues;
    }

    /** The queue of a RocketMQ message queue. */
    public static QueueRef of(MessageQueue queue) {
        return new QueueRef(queue.getBrokerName(), queue.getQueueId());
    }

    @Override
    public int compareTo(QueueRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code broker/queueId}. */
    @Override
    public String toString() {
        return broker + "/" + queueId;
    }
}
