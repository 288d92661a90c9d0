package dev.backtrack.core.cluster;

import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.jspecify.annotations.Nullable;

/**
 * Which consumers of a group are connected now and how they consume: what decides whether and how a group can be
 * moved. Read only; {@link GroupConsumers#of} takes all of it at once.
 */
public interface ConsumersOnline {

    /** The client ids of the group's connected consumers (empty for a group with none connected). */
    Set<String> onlineClients(String group);

    /**
     * How the group's connected consumers consume ({@code CLUSTERING} or {@code BROADCASTING}), as a broker of the
     * group reports it, or null when none is connected.
     */
    @Nullable MessageModel onlineMessageModel(String group);

    /**
     * The group's consumers that a RocketMQ proxy serves (gRPC clients), by client id, each with the proxy's remoting
     * address; empty when no proxy is configured or none serves the group. They are also in {@link #onlineClients}.
     */
    default Map<String, String> proxyClients(String group) {
        return Map.of();
    }

    /**
     * Whether a connected consumer of the group consumes in pop mode (RocketMQ 5: the broker assigns its queues and
     * keeps its pop offsets; its running info lists pop queues).
     */
    boolean popsOnline(String group);

    /** Whether any consumer of the group is connected to the cluster now. */
    default boolean isOnline(String group) {
        return !onlineClients(group).isEmpty();
    }

    /** The queues that the group's connected consumer {@code clientId} reports holding. */
    Set<MessageQueue> consumerQueues(String group, String clientId);

    /**
     * The group's consumers now, taken at once. The default asks each question above; an implementation that can
     * answer them from fewer requests (one look-up of the connections) overrides it.
     */
    default GroupConsumers consumers(String group) {
        Set<String> clients = onlineClients(group);
        return new GroupConsumers(group, clients, clients.isEmpty() ? null : onlineMessageModel(group),
                clients.isEmpty() ? Map.of() : proxyClients(group), () -> !clients.isEmpty() && popsOnline(group));
    }
}
