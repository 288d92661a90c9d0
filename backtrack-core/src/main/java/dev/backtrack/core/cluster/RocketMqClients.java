package dev.backtrack.core.cluster;

import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.RPCHook;
import org.jspecify.annotations.Nullable;

/**
 * Backtrack's own short-lived RocketMQ clients (journal, claims, control topic), set up alike: a name server, an
 * optional ACL hook, and an instance name of their own so that they never share a client instance with the
 * application's consumers. The clients are returned unstarted.
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, which a journal and a claim log need
public final class RocketMqClients {

    private final String nameServer;
    private final @Nullable RPCHook rpcHook;
    private final String instance;

    private RocketMqClients(String nameServer, @Nullable RPCHook rpcHook, String purpose) {
        this.nameServer = nameServer;
        this.rpcHook = rpcHook;
        this.instance = "backtrack-" + purpose + "-" + UUID.randomUUID();
    }

    /** Clients for {@code purpose} (e.g. "journal") on the given name server; {@code rpcHook} is null without ACL. */
    public static RocketMqClients of(String nameServer, @Nullable RPCHook rpcHook, String purpose) {
        return new RocketMqClients(nameServer, rpcHook, purpose);
    }

    /** Clients for {@code purpose} on the admin's cluster, signed with its credentials. */
    public static RocketMqClients of(RocketMqAdmin admin, String purpose) {
        return of(admin.settings().nameServer(), RocketMqAdmin.rpcHook(admin.settings()), purpose);
    }

    /** The name server these clients use. */
    public String nameServer() {
        return nameServer;
    }

    /** A producer of {@code group}, not started. */
    public DefaultMQProducer producer(String group) {
        DefaultMQProducer producer = new DefaultMQProducer(group, rpcHook);
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(instance);
        return producer;
    }

    /** A consumer of {@code group} that reads queues by offset, not started. */
    public DefaultMQPullConsumer pullConsumer(String group) {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group, rpcHook);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(instance);
        return consumer;
    }

    /** A consumer of {@code group} for assigned queues, committing nothing, not started. */
    public DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group, rpcHook);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(instance);
        consumer.setAutoCommit(false);
        return consumer;
    }
}
