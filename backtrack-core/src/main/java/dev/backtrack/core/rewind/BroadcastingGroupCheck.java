package dev.backtrack.core.rewind;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.cluster.ClusterAdmin;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;

/**
 * Refuses a group whose connected consumers consume in broadcasting mode: their offsets live in a file on each
 * consumer's machine, not on the brokers, so writing or resetting offsets on the brokers would change nothing they
 * read. A group with no consumer connected cannot be told apart and passes.
 */
public class BroadcastingGroupCheck {

    private final ClusterAdmin admin;

    /** Checks through the given admin connection. */
    public BroadcastingGroupCheck(ClusterAdmin admin) {
        this.admin = admin;
    }

    /** Fails with a {@link BroadcastingGroupException} when the group's connected consumers broadcast. */
    public void requireBrokerKeptOffsets(String group) {
        if (admin.onlineMessageModel(group) == MessageModel.BROADCASTING) {
            throw new BroadcastingGroupException(group);
        }
    }
}
