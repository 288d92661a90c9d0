package dev.backtrack.embedded;

import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real RocketMQ name server and N brokers running inside this JVM. */
public final class EmbeddedRocketMq implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRocketMq.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REGISTRATION_NUDGE = Duration.ofMillis(500);
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final EmbeddedRocketMqConfig config;
    private @Nullable EmbeddedNameServer nameServer;
    private final List<EmbeddedBroker> brokers = new ArrayList<>();
    private @Nullable EmbeddedProxy proxy;
    private final List<Integer> usedPorts = new ArrayList<>();

    /** Creates a cluster that is not started yet. */
    public EmbeddedRocketMq(EmbeddedRocketMqConfig config) {
        this.config = config;
    }

    /** Starts the name server and brokers; on failure, stops whatever had started and throws. */
    public synchronized EmbeddedRocketMq start() {
        if (isRunning()) {
            throw new IllegalStateException("The embedded RocketMQ is already running at " + nameServerAddress());
        }
        // Without this, in a JVM with no RocketMQ client loaded yet, brokers register with version 0 and the
        // name server records no topics (docs/rocketmq-behaviour.md, fact 8).
        if (System.getProperty(RemotingCommand.REMOTING_VERSION_KEY) == null) {
            System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        }
        PlainTextServers.unlessConfigured();
        StoreDirectory.prepare(config.storeDir());
        // A port found free can be taken by another socket before the name server or a broker binds it.
        int attempts = config.nameServerPort() == 0 || config.brokerPort() == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                break;
            } catch (RuntimeException e) {
                if (attempt >= attempts || !portTaken(e)) {
                    throw e;
                }
                log.warn("A port picked as free was taken before the embedded RocketMQ bound it ({}); trying other "
                        + "free ports", e.getMessage());
            }
        }
        log.info("Embedded RocketMQ started: name server {}, brokers {}, store {}{}", nameServerAddress(),
                brokerAddresses(), config.storeDir(), proxy == null ? "" : ", proxy (gRPC) " + proxy.endpoint()
                        + " (remoting " + proxy.remotingAddress() + ")");
        return this;
    }

    private void startOnce() {
        int nameServerPort = resolveNameServerPort();
        List<int[]> brokerPorts = resolveBrokerPorts();
        usedPorts.clear();
        usedPorts.add(nameServerPort);
        brokerPorts.forEach(p -> usedPorts.addAll(List.of(p[0], p[0] - 2, p[1])));
        try {
            nameServer = new EmbeddedNameServer(config.storeDir(), nameServerPort);
            nameServer.start();
            for (int i = 0; i < config.brokerCount(); i++) {
                EmbeddedBroker broker = new EmbeddedBroker(config, brokerName(i), brokerPorts.get(i)[0],
                        brokerPorts.get(i)[1], nameServer.address());
                brokers.add(broker);
                broker.start();
            }
            awaitRegistration();
            if (config.proxyEnabled()) {
                int grpcPort = resolveProxyPort(config.proxyGrpcPort(), EmbeddedSetting.PROXY_GRPC_PORT, "gRPC");
                int remotingPort = resolveProxyPort(config.proxyRemotingPort(), EmbeddedSetting.PROXY_REMOTING_PORT,
                        "remoting");
                usedPorts.addAll(List.of(grpcPort, remotingPort));
                // The proxy creates this topic as it starts and gives up when the name server has not routed it
                // within its own short wait (seen on a loaded machine); created here, it is waited for like any other.
                createTopic(EmbeddedProxy.HEARTBEAT_SYNC_TOPIC, 1);
                proxy = new EmbeddedProxy(config.storeDir(), nameServer.address(), config.clusterName(), grpcPort,
                        remotingPort);
                proxy.start();
            }
        } catch (RuntimeException | Error e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("The embedded RocketMQ failed to start: " + e.getMessage(), e);
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Stops every broker, then the name server, releasing their ports, threads and file locks. */
    public synchronized void stop() {
        if (nameServer == null && brokers.isEmpty()) {
            return;
        }
        List<Integer> ports = new ArrayList<>(usedPorts);
        stopQuietly();
        awaitPortsReleased(ports);
        log.info("Embedded RocketMQ stopped (store {})", config.storeDir());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the cluster is running. */
    public synchronized boolean isRunning() {
        return nameServer != null;
    }

    /** The name server address clients use, host:port. */
    public synchronized String nameServerAddress() {
        requireRunning();
        return nameServer.address();
    }

    /** The proxy's gRPC endpoint (host:port) for {@code rocketmq-client-java} clients; the proxy must be enabled. */
    public synchronized String proxyEndpoint() {
        requireRunning();
        if (proxy == null) {
            throw new IllegalStateException("The embedded RocketMQ runs without the proxy; enable it with "
                    + EmbeddedSetting.PROXY_ENABLED.propertyName() + "=true (EmbeddedRocketMqConfig.Builder.proxy)");
        }
        return proxy.endpoint();
    }

    /**
     * The proxy's remoting address (host:port): where admin tools, Backtrack among them, ask which consumers the proxy
     * serves; the proxy must be enabled.
     */
    public synchronized String proxyRemotingAddress() {
        proxyEndpoint();
        return proxy.remotingAddress();
    }

    /** The running brokers, broker-a first. */
    public synchronized List<EmbeddedBroker> brokers() {
        requireRunning();
        return Collections.unmodifiableList(new ArrayList<>(brokers));
    }

    /**
     * Stops one broker alone (as a crashed one) and waits until the name server no longer routes to it; the others
     * and the name server keep running. Its store stays on disk.
     */
    public synchronized void stopBroker(String name) {
        requireRunning();
        EmbeddedBroker broker = brokers.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No running broker named '" + name + "'; running: "
                        + brokers.stream().map(EmbeddedBroker::name).toList()));
        joinAll(List.of(stopper("broker " + name, broker::stop)));
        brokers.remove(broker);
        await("broker " + name + " to leave the name server's cluster info", () -> !nameServer.controller()
                .getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable().containsKey(name));
        log.info("Embedded broker {} stopped; {} still running", name, brokerAddresses());
    }

    /** The brokers' addresses, host:port each. */
    public synchronized List<String> brokerAddresses() {
        return brokers.stream().map(EmbeddedBroker::address).toList();
    }

    /** The configuration this cluster was built from. */
    public EmbeddedRocketMqConfig config() {
        return config;
    }

    /** Creates a topic with the default number of queues on every broker and waits until it is routable. */
    public void createTopic(String topic) {
        createTopic(topic, config.defaultQueuesPerBroker());
    }

    /** Creates a topic with {@code queuesPerBroker} queues on every broker and waits until it is routable. */
    public synchronized void createTopic(String topic, int queuesPerBroker) {
        requireRunning();
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Topic name is empty");
        }
        if (queuesPerBroker < 1) {
            throw new IllegalArgumentException("Queues per broker must be at least 1, was " + queuesPerBroker);
        }
        for (EmbeddedBroker broker : brokers) {
            TopicConfig topicConfig = new TopicConfig(topic, queuesPerBroker, queuesPerBroker,
                    PermName.PERM_READ | PermName.PERM_WRITE);
            broker.controller().getTopicConfigManager().updateTopicConfig(topicConfig);
            broker.controller().registerBrokerAll(false, false, true);
        }
        await("topic " + topic + " to be routed to every broker", () -> routedToAllBrokers(topic));
    }

    /** Creates a topic on one broker only (e.g. a journal kept on a broker that stays up) and waits until it is routed. */
    public synchronized void createTopicOn(String brokerName, String topic, int queues) {
        requireRunning();
        EmbeddedBroker broker = brokers.stream().filter(b -> b.name().equals(brokerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No broker named '" + brokerName + "'; running: "
                        + brokers.stream().map(EmbeddedBroker::name).toList()));
        if (topic == null || topic.isBlank() || queues < 1) {
            throw new IllegalArgumentException("Topic must be named and have at least 1 queue, was '" + topic + "' with "
                    + queues);
        }
        broker.controller().getTopicConfigManager().updateTopicConfig(new TopicConfig(topic, queues, queues,
                PermName.PERM_READ | PermName.PERM_WRITE));
        broker.controller().registerBrokerAll(false, false, true);
        await("topic " + topic + " to be routed to " + brokerName, () -> {
            TopicRouteData route = nameServer.controller().getRouteInfoManager().pickupTopicRouteData(topic);
            return route != null && route.getQueueDatas().stream().anyMatch(q -> q.getBrokerName().equals(brokerName));
        });
    }

    /** Creates a topic with one queue on every broker that consumers may read and nobody may write, and waits for it. */
    public synchronized void createReadOnlyTopic(String topic) {
        requireRunning();
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Topic name is empty");
        }
        for (EmbeddedBroker broker : brokers) {
            broker.controller().getTopicConfigManager().updateTopicConfig(new TopicConfig(topic, 1, 1,
                    PermName.PERM_READ));
            broker.controller().registerBrokerAll(false, false, true);
        }
        await("topic " + topic + " to be routed read-only to every broker", () -> {
            TopicRouteData route = nameServer.controller().getRouteInfoManager().pickupTopicRouteData(topic);
            return routedToAllBrokers(topic) && route != null
                    && route.getQueueDatas().stream().allMatch(q -> q.getPerm() == PermName.PERM_READ);
        });
    }

    /** Creates the topic with the default number of queues on every broker that lacks it; keeps existing ones. */
    public synchronized void ensureTopic(String topic) {
        requireRunning();
        boolean everywhere = brokers.stream()
                .allMatch(b -> b.controller().getTopicConfigManager().selectTopicConfig(topic) != null);
        if (!everywhere) {
            createTopic(topic, config.defaultQueuesPerBroker());
        }
    }

    private boolean routedToAllBrokers(String topic) {
        TopicRouteData route = nameServer.controller().getRouteInfoManager().pickupTopicRouteData(topic);
        if (route == null) {
            return false;
        }
        Set<String> routed = new HashSet<>();
        for (QueueData queueData : route.getQueueDatas()) {
            routed.add(queueData.getBrokerName());
        }
        return brokers.stream().allMatch(b -> routed.contains(b.name()));
    }

    private void awaitRegistration() {
        long nextNudge = System.nanoTime() + REGISTRATION_NUDGE.toNanos();
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (true) {
            ClusterInfo info = nameServer.controller().getRouteInfoManager().getAllClusterInfo();
            List<EmbeddedBroker> missing = brokers.stream()
                    .filter(b -> !info.getBrokerAddrTable().containsKey(b.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + REGISTRATION_TIMEOUT.toSeconds()
                        + " s waiting for brokers " + missing.stream().map(EmbeddedBroker::name).toList()
                        + " to register with the name server");
            }
            if (System.nanoTime() > nextNudge) {
                // The broker's own periodic registration only runs every 10 s; ask again instead of waiting.
                missing.forEach(b -> b.controller().registerBrokerAll(true, false, true));
                nextNudge = System.nanoTime() + REGISTRATION_NUDGE.toNanos();
            }
            pause("brokers to register");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + REGISTRATION_TIMEOUT.toSeconds()
                        + " s waiting for " + what);
            }
            pause(what);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what, e);
        }
    }

    private int resolveNameServerPort() {
        if (config.nameServerPort() == 0) {
            return LoopbackPorts.anyFree();
        }
        LoopbackPorts.requireFree(config.nameServerPort(), EmbeddedSetting.NAME_SERVER_PORT, "name server");
        return config.nameServerPort();
    }

    private static int resolveProxyPort(int port, EmbeddedSetting setting, String what) {
        if (port == 0) {
            return LoopbackPorts.anyFree();
        }
        LoopbackPorts.requireFree(port, setting, "proxy " + what + " port");
        return port;
    }

    /** Per broker: {listen port, HA port}; the broker also listens on listen port - 2. */
    private List<int[]> resolveBrokerPorts() {
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < config.brokerCount(); i++) {
            if (config.brokerPort() == 0) {
                ports.add(new int[] {LoopbackPorts.freeBrokerPort(), LoopbackPorts.anyFree()});
                continue;
            }
            int port = config.brokerPort() + i * EmbeddedRocketMqConfig.BROKER_PORT_STRIDE;
            String role = brokerName(i);
            LoopbackPorts.requireFree(port, EmbeddedSetting.BROKER_PORT, role + " listen port");
            LoopbackPorts.requireFree(port - 2, EmbeddedSetting.BROKER_PORT, role + " fast port = broker port - 2");
            LoopbackPorts.requireFree(port + 1, EmbeddedSetting.BROKER_PORT, role + " HA port = broker port + 1");
            ports.add(new int[] {port, port + 1});
        }
        return ports;
    }

    /**
     * Stops the brokers side by side (each persists and flushes, then shuts down without RocketMQ's fixed waits),
     * then the name server, so that the brokers can still unregister from it.
     */
    private void stopQuietly() {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (EmbeddedBroker broker : brokers) {
            stoppers.add(stopper("broker " + broker.name(), broker::stop));
        }
        joinAll(stoppers);
        if (nameServer != null) {
            joinAll(List.of(stopper("name server", nameServer::stop)));
        }
        brokers.clear();
        nameServer = null;
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while stopping the embedded RocketMQ");
                return;
            }
        }
    }

    /** Netty closes listening sockets asynchronously; stop() returns only once they are bindable again. */
    private static void awaitPortsReleased(List<Integer> ports) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int port : ports) {
            while (!LoopbackPorts.isFree(port)) {
                if (System.nanoTime() > deadline) {
                    log.warn("Port {} is still in use after stopping the embedded RocketMQ", port);
                    return;
                }
                pause("port " + port + " to be released");
            }
        }
    }

    private static Thread stopper(String what, Runnable stop) {
        Thread thread = new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException e) {
                log.warn("The {} did not stop cleanly", what, e);
            }
        }, FastStoppingBrokerController.STOPPING_THREAD_PREFIX + "-" + what.replace(' ', '-'));
        thread.start();
        return thread;
    }

    private void requireRunning() {
        if (nameServer == null) {
            throw new IllegalStateException("The embedded RocketMQ is not running");
        }
    }

    private static String brokerName(int index) {
        return "broker-" + (char) ('a' + index);
    }
}
