package dev.backtrack.core.rewind;

import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.cluster.GroupConsumers;

/**
 * Refuses to move a group while consumers of it receive through a RocketMQ proxy (gRPC clients). It judges a
 * {@link GroupConsumers} taken by the caller (through an admin that asks the proxies it was configured with).
 */
public final class ProxiedGroupCheck {

    private ProxiedGroupCheck() {
    }

    /** Fails with a {@link ProxiedConsumersException} when a configured proxy serves a consumer of the group. */
    public static void requireNoProxiedConsumers(GroupConsumers consumers) {
        if (!consumers.proxied().isEmpty()) {
            throw new ProxiedConsumersException(consumers.group(), consumers.proxied());
        }
    }
}
