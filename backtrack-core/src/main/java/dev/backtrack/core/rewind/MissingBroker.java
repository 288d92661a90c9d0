package dev.backtrack.core.rewind;

/**
 * A broker that held queues of the topic and is not in the topic's route now, so a rewind cannot move its queues.
 *
 * @param broker broker name, e.g. broker-b
 * @param evidence how Backtrack knows it held queues of the topic (journal entry, cluster info, a consumer's queues)
 */
public record MissingBroker(String broker, String evidence) {

    /** "broker-b (evidence)". */
    public String describe() {
        return broker + " (" + evidence + ")";
    }
}
