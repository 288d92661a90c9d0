package dev.backtrack.core.rewind;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.cluster.GroupConsumers;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;

/**
 * Refuses a group whose connected consumers consume in broadcasting mode: their offsets live in a file on each
 * consumer's machine, not on the brokers, so writing or resetting offsets on the brokers would change nothing they
 * read. A group with no consumer connected cannot be told apart and passes. It judges a {@link GroupConsumers} taken
 * by the caller, and asks the cluster nothing itself.
 */
public final class BroadcastingGroupCheck {

    private BroadcastingGroupCheck() {
    }

    /** Fails with a {@link BroadcastingGroupException} when the group's connected consumers broadcast. */
    public static void requireBrokerKeptOffsets(GroupConsumers consumers) {
        if (consumers.messageModel() == MessageModel.BROADCASTING) {
            throw new BroadcastingGroupException(consumers.group());
        }
    }
}
