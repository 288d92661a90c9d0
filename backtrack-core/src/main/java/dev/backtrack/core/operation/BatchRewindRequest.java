package dev.backtrack.core.operation;

import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.replay.SendRate;
import java.util.Set;

/**
 * What a user asks a batch rewind to do: move every group of a topic, or a group on every topic it consumes, to the
 * same position, as many rewinds recorded under one batch id.
 *
 * @param scope which groups and topics: {@link AllGroupsOf} a topic or {@link AllTopicsOf} a group
 * @param position where to: a time, offsets, a shift or another group's offsets, the same for every pair
 * @param skipRefused leave out the (group, topic) pairs that would be refused and move the others; otherwise one
 *     refusal refuses the whole batch
 * @param allowPartial move what can be reached when brokers that held queues of a topic are missing
 * @param actor who asks, as recorded in the journal
 * @param allowPartialHint how the front end's user accepts a partial rewind, in its own terms
 * @param skipRefusedHint how the front end's user leaves refused pairs out, in its own terms (e.g.
 *     {@code --skip-refused})
 * @param rate at most how many replayed messages a second each group consumes after the rewind, where its instances
 *     run the starter ({@link SendRate#UNLIMITED} for full speed)
 */
public record BatchRewindRequest(Scope scope, PositionRequest position, boolean skipRefused, boolean allowPartial,
        String actor, String allowPartialHint, String skipRefusedHint, SendRate rate) {

    /** Which groups and topics a batch covers. */
    public sealed interface Scope {

        /** The scope in a few words, e.g. {@code every group of topic 'orders'}. */
        String describe();
    }

    /**
     * Every consumer group of {@code topic}: those that hold committed offsets on it or consume it online.
     *
     * @param topic the topic
     */
    public record AllGroupsOf(String topic) implements Scope {

        @Override
        public String describe() {
            return "every group of topic '" + topic + "'";
        }
    }

    /**
     * Every topic of {@code group}: those it holds committed offsets on or consumes online.
     *
     * @param group the consumer group
     */
    public record AllTopicsOf(String group) implements Scope {

        @Override
        public String describe() {
            return "every topic of group '" + group + "'";
        }
    }

    /** The single rewind of {@code group} on {@code topic} this batch makes, on every queue of the topic. */
    public RewindRequest pair(String group, String topic) {
        return new RewindRequest(group, topic, position, Set.of(), false, allowPartial, actor, allowPartialHint, rate);
    }
}
