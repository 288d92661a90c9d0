package dev.backtrack.core.cluster;

import java.time.Duration;
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
    private final @Nullable Duration timeout;

    private RocketMqClients(String nameServer, @Nullable RPCHook rpcHook, String purpose,
            @Nullable Duration timeout) {
        this.nameServer = nameServer;
        this.rpcHook = rpcHook;
        this.instance = "backtrack-" + purpose + "-" + UUID.randomUUID();
        this.timeout = timeout;
    }

    /**
     * Clients for {@code purpose} (e.g. "journal") on the given name server, with RocketMQ's default timeouts;
     * {@code rpcHook} is null without ACL.
     */
    public static RocketMqClients of(String nameServer, @Nullable RPCHook rpcHook, String purpose) {
        return new RocketMqClients(nameServer, rpcHook, purpose, null);
    }

    /**
     * Clients for {@code purpose} on the admin's cluster, signed with its credentials, whose calls to the servers
     * (sends, heartbeats, route and offset requests) may take the admin's timeout instead of RocketMQ's 3 s.
     */
    public static RocketMqClients of(RocketMqAdmin admin, String purpose) {
        return new RocketMqClients(admin.settings().nameServer(), RocketMqAdmin.rpcHook(admin.settings()), purpose,
                admin.settings().timeout());
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
        if (timeout != null) {
            producer.setSendMsgTimeout(millis(timeout));
            producer.setMqClientApiTimeout(millis(timeout));
        }
        return producer;
    }

    /** A consumer of {@code group} that reads queues by offset, not started. */
    public DefaultMQPullConsumer pullConsumer(String group) {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group, rpcHook);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(instance);
        if (timeout != null) {
            consumer.setMqClientApiTimeout(millis(timeout));
        }
        return consumer;
    }

    /** A consumer of {@code group} for assigned queues, committing nothing, not started. */
    public DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group, rpcHook);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(instance);
        consumer.setAutoCommit(false);
        if (timeout != null) {
            consumer.setMqClientApiTimeout(millis(timeout));
        }
        return consumer;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
