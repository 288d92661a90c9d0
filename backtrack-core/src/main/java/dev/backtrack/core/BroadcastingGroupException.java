package dev.backtrack.core;

/**
 * A rewind was refused because the group's consumers consume in broadcasting mode, where each consumer keeps its own
 * offsets on its own machine and the brokers cannot move them.
 */
public class BroadcastingGroupException extends RewindException {

    private final String group;

    /** Creates the refusal for {@code group}; the message says why and what to do instead. */
    public BroadcastingGroupException(String group) {
        super("Group '" + group + "' consumes in broadcasting mode: each of its consumers keeps its own offsets on its "
                + "own machine (RocketMQ's local offset store), so the brokers cannot move them. Nothing was changed. "
                + "Backtrack plans and rewinds only clustering groups, whose offsets the brokers keep. To replay a "
                + "broadcasting consumer, rewind it locally: stop it, delete its offsets file "
                + "(<rocketmq.client.localOffsetStoreDir, default ~/.rocketmq_offsets>/<client id>/" + group
                + "/offsets.json) and start it again with CONSUME_FROM_TIMESTAMP and the time to replay from");
        this.group = group;
    }

    /** The refused group. */
    public String group() {
        return group;
    }
}
