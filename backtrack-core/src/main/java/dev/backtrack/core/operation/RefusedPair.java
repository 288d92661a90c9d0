package dev.backtrack.core.operation;

/**
 * A (group, topic) pair of a batch rewind that would be refused on its own, and why.
 *
 * @param group the consumer group
 * @param topic the topic
 * @param refusal the row of the refusal table its refusal falls in
 * @param reason the refusal's message: what is wrong and what to do
 */
public record RefusedPair(String group, String topic, Refusal refusal, String reason) {

    /** The pair and why, in one line: {@code group 'g' on topic 't': REASON}. */
    public String describe() {
        return "group '" + group + "' on topic '" + topic + "': " + reason;
    }
}
