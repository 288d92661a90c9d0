package dev.backtrack.embedded;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.auth.authentication.provider.DefaultAuthenticationProvider;
import org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider;
import org.apache.rocketmq.auth.authorization.provider.DefaultAuthorizationProvider;
import org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider;
import org.apache.rocketmq.auth.config.AuthConfig;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/** One in-process RocketMQ master broker with a laptop-sized store. */
public final class EmbeddedBroker {

    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final int CONSUME_QUEUE_UNITS_PER_FILE = 100_000;
    private static final int CONSUME_QUEUE_UNIT_SIZE = 20;

    private final String name;
    private final int port;
    private final FastStoppingBrokerController controller;

    /** How long a send may wait for the broker before it is refused as busy (RocketMQ: 200 ms and 1 s). */
    private static final int BUSY_TOLERANCE_MILLIS = 10_000;
    /** How often the timer wheel is forced to disk (RocketMQ: every second). */
    private static final int TIMER_FLUSH_INTERVAL_MILLIS = 30_000;

    EmbeddedBroker(EmbeddedRocketMqConfig config, String name, int port, int haPort, String nameServerAddress) {
        this.name = name;
        this.port = port;
        Path root = config.storeDir().resolve(name);

        BrokerConfig broker = new BrokerConfig();
        broker.setRocketmqHome(config.storeDir().toString());
        broker.setBrokerName(name);
        broker.setBrokerClusterName(config.clusterName());
        broker.setBrokerId(MixAll.MASTER_ID);
        broker.setBrokerIP1(LoopbackPorts.LOOPBACK);
        broker.setNamesrvAddr(nameServerAddress);
        broker.setAutoCreateTopicEnable(config.autoCreateTopics());
        broker.setAutoCreateSubscriptionGroup(true);
        broker.setEnableDetailStat(false);
        broker.setTraceTopicEnable(true); // the binder traces messages by default; give them their topic
        // A developer machine or a CI runner is shared: a send that waited 200 ms for a thread, or a commit log write
        // held 1 s, is refused by default as "broker busy". An embedded broker is rather slow than refusing.
        broker.setWaitTimeMillsInSendQueue(BUSY_TOLERANCE_MILLIS);

        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress(LoopbackPorts.LOOPBACK);
        server.setListenPort(port);

        MessageStoreConfig store = new MessageStoreConfig();
        store.setStorePathRootDir(root.toString());
        store.setStorePathCommitLog(root.resolve("commitlog").toString());
        store.setMappedFileSizeCommitLog(config.commitLogFileSize());
        store.setMappedFileSizeConsumeQueue(CONSUME_QUEUE_UNITS_PER_FILE * CONSUME_QUEUE_UNIT_SIZE);
        store.setMappedFileSizeTimerLog(16 * 1024 * 1024);
        store.setMaxHashSlotNum(100_000);
        store.setMaxIndexNum(400_000);
        store.setHaListenPort(haPort);
        store.setOsPageCacheBusyTimeOutMills(BUSY_TOLERANCE_MILLIS);
        // The timer wheel's flush forces its whole mapped file (tens of MB) to disk; once a second it kept an idle
        // broker about 12 % busy. The page cache keeps what a killed process wrote; a stop flushes everything.
        store.setTimerFlushIntervalMs(TIMER_FLUSH_INTERVAL_MILLIS);

        AuthConfig auth = new AuthConfig();
        // RocketMQ caches each broker's authentication and authorization set-up in static maps keyed by this name:
        // a broker-a started later in the same JVM would otherwise get the first broker-a's (ACL on or off).
        auth.setConfigName(name + "@" + INSTANCES.incrementAndGet());
        auth.setClusterName(config.clusterName());
        auth.setAuthConfigPath(root.resolve("config").toString());
        if (config.aclEnabled()) {
            enableAcl(auth, config.aclAccessKey(), config.aclSecretKey());
        }

        this.controller = new FastStoppingBrokerController(broker, server, new NettyClientConfig(), store, auth);
    }

    /** RocketMQ 5.x ACL 2.0: authentication and authorization with users kept in the broker's own store. */
    private static void enableAcl(AuthConfig auth, String accessKey, String secretKey) {
        auth.setAuthenticationEnabled(true);
        auth.setAuthenticationProvider(DefaultAuthenticationProvider.class.getName());
        auth.setAuthenticationMetadataProvider(LocalAuthenticationMetadataProvider.class.getName());
        auth.setAuthorizationEnabled(true);
        auth.setAuthorizationProvider(DefaultAuthorizationProvider.class.getName());
        auth.setAuthorizationMetadataProvider(LocalAuthorizationMetadataProvider.class.getName());
        // The initial user is created as a super user; the broker's own clients sign with the same pair.
        auth.setInitAuthenticationUser("{\"username\":" + json(accessKey) + ",\"password\":" + json(secretKey) + "}");
        auth.setInnerClientAuthenticationCredentials("{\"accessKey\":" + json(accessKey) + ",\"secretKey\":"
                + json(secretKey) + "}");
    }

    private static String json(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }

    void start() throws Exception {
        if (!controller.initialize()) {
            throw new IllegalStateException("Broker " + name + " failed to initialize its store");
        }
        controller.prepareFastStop();
        controller.start();
    }

    /** Persists offsets and metadata, flushes the store, then shuts down without RocketMQ's fixed waits. */
    void stop() {
        controller.shutdown();
    }

    /** The broker's name: broker-a, broker-b, ... */
    public String name() {
        return name;
    }

    /** The address clients reach it at, host:port. */
    public String address() {
        return LoopbackPorts.LOOPBACK + ":" + port;
    }

    /** The underlying RocketMQ broker, for tests that need to look inside. */
    public BrokerController controller() {
        return controller;
    }
}
