package dev.backtrack.core.claim;

/**
 * The setting a claim is about: a consumer group, a topic and a requested time as the user wrote it.
 *
 * @param group the consumer group
 * @param topic the topic
 * @param requestedTime the time expression as configured (e.g. {@code 20220117110148})
 */
public record ClaimKey(String group, String topic, String requestedTime) {

    /** Describes the key for messages, e.g. {@code group g, topic t, time -1h}. */
    public String describe() {
        return "group " + group + ", topic " + topic + ", time " + requestedTime;
    }
}
