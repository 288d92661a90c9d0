package dev.backtrack.core.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.jspecify.annotations.Nullable;

/**
 * A group's consumers as one look at the cluster saw them: the client ids online, how they consume (clustering or
 * broadcasting), which of them a RocketMQ proxy serves, and whether any pops. A rewind takes one and hands it to each
 * check and to the applier, so that the cluster is asked once rather than by every step.
 *
 * <p>Whether a consumer pops is asked of each consumer's running info, which costs a request per consumer and is
 * needed only when an online reset cannot be read back: it is asked at the first call of {@link #pops()}, once.
 */
public final class GroupConsumers {

    private final String group;
    private final Set<String> clients;
    private final @Nullable MessageModel messageModel;
    private final Map<String, String> proxied;
    private final BooleanSupplier popsQuestion;
    private @Nullable Boolean pops;

    /**
     * The consumers of {@code group}: {@code clients} online, their {@code messageModel} (null when none is online),
     * the {@code proxied} ones by client id with their proxy's address, and how to ask whether one pops.
     */
    public GroupConsumers(String group, Set<String> clients, @Nullable MessageModel messageModel,
            Map<String, String> proxied, BooleanSupplier popsQuestion) {
        this.group = group;
        this.clients = Set.copyOf(clients);
        this.messageModel = messageModel;
        this.proxied = Collections.unmodifiableMap(new LinkedHashMap<>(proxied)); // in proxy order
        this.popsQuestion = popsQuestion;
    }

    /** The group's consumers now, as {@code cluster} reports them in one look. */
    public static GroupConsumers of(ConsumersOnline cluster, String group) {
        return cluster.consumers(group);
    }

    /** The group. */
    public String group() {
        return group;
    }

    /** The client ids of the consumers online (those a proxy serves included); empty when none is. */
    public Set<String> clients() {
        return clients;
    }

    /** Whether any consumer of the group is online. */
    public boolean online() {
        return !clients.isEmpty();
    }

    /** How the consumers online consume, or null when none is online. */
    public @Nullable MessageModel messageModel() {
        return messageModel;
    }

    /** The consumers a RocketMQ proxy serves (gRPC clients), by client id in proxy order, with the proxy's address. */
    public Map<String, String> proxied() {
        return proxied;
    }

    /** Whether a consumer online consumes in pop mode; asked of the cluster at the first call only. */
    public synchronized boolean pops() {
        if (pops == null) {
            pops = online() && popsQuestion.getAsBoolean();
        }
        return pops;
    }

    @Override
    public String toString() {
        return "GroupConsumers[" + group + ": " + clients.size() + " online, " + messageModel + ", "
                + proxied.size() + " proxied]";
    }
}
