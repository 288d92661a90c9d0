package dev.backtrack.core.replay;

/**
 * A message a run sent that the group failed: the consumer sent it back for a retry, or it ran out of retries and is a
 * dead letter again.
 *
 * @param msgId the message id the group's listener sees
 * @param origin where the original is stored, as "broker/queueId"
 * @param originOffset the original's offset in that queue
 * @param failures how many times the group has failed it, as the broker counts
 * @param deadLettered whether it reached the group's dead-letter topic
 */
public record FailedCopy(String msgId, String origin, long originOffset, int failures, boolean deadLettered) {

    /** As a front end lists it: "ID (broker-a/1 at offset 7, failed 1 time, in %DLQ%G)". */
    public String describe(String group) {
        return msgId + " (" + origin + " at offset " + originOffset + ", failed " + failures
                + (failures == 1 ? " time" : " times") + (deadLettered ? ", now in " + DeadLetters.topicOf(group)
                        : ", waiting for a retry") + ")";
    }
}
