package dev.backtrack.core.rewind;

import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.cluster.ClusterAdmin;
import java.util.Map;

/** Refuses to move a group while consumers of it receive through a RocketMQ proxy (gRPC clients). */
public class ProxiedGroupCheck {

    private final ClusterAdmin admin;

    /** Checks through the given admin connection (which asks the proxies it was configured with). */
    public ProxiedGroupCheck(ClusterAdmin admin) {
        this.admin = admin;
    }

    /** Fails with a {@link ProxiedConsumersException} when a configured proxy serves a consumer of the group. */
    public void requireNoProxiedConsumers(String group) {
        Map<String, String> proxied = admin.proxyClients(group);
        if (!proxied.isEmpty()) {
            throw new ProxiedConsumersException(group, proxied);
        }
    }
}
