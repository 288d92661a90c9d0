package dev.backtrack.core.claim;

/**
 * One record on the claim queue: an instance claims the right to apply a setting, or gives a claim up.
 *
 * @param kind claim or release
 * @param claimId unique id of the claim (a release names the claim it ends)
 * @param group the consumer group of the setting
 * @param topic the topic of the setting
 * @param requestedTime the time expression of the setting
 * @param instance who claims (application and process), for messages
 * @param sentAt when the instance sent the record, epoch milliseconds (its own clock; informational)
 */
public record ClaimRecord(Kind kind, String claimId, String group, String topic, String requestedTime,
        String instance, long sentAt) {

    /** What a record does. */
    public enum Kind {
        /** Claims the right to apply the setting. */
        CLAIM,
        /** Gives the named claim up, so that another instance may take over at once. */
        RELEASE
    }

    /** The setting this record is about. */
    public ClaimKey key() {
        return new ClaimKey(group, topic, requestedTime);
    }
}
