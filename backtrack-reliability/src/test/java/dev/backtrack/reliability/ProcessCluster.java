package dev.backtrack.reliability;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.LoopbackPorts;
import dev.backtrack.embedded.StandaloneRocketMq;
import dev.backtrack.test.TestClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RocketMQ name server and two brokers (broker-a, broker-b), each in a JVM of its own over a store it keeps: a
 * broker can be killed with SIGKILL and started again over the same store and ports. Closing it kills them all.
 */
final class ProcessCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String HEAP = "384m";
    private static final int COMMIT_LOG_FILE_SIZE = 64 * 1024 * 1024;

    private final Path dir;
    private final String nameServer;
    private final ChildJvm nameServerJvm;
    private final Map<String, Integer> brokerPorts = new LinkedHashMap<>();
    private final Map<String, ChildJvm> brokers = new LinkedHashMap<>();
    private final RocketMqAdmin admin;
    private final DefaultMQAdminExt rawAdmin;
    private int restarts;

    private ProcessCluster(Path dir, ChildJvm nameServerJvm, String nameServer) {
        this.dir = dir;
        this.nameServerJvm = nameServerJvm;
        this.nameServer = nameServer;
        this.admin = new RocketMqAdmin(new AdminSettings(nameServer, null, null, Duration.ofSeconds(10)));
        try {
            this.rawAdmin = TestClients.admin(nameServer);
        } catch (MQClientException e) {
            admin.close();
            throw new IllegalStateException("Cannot start an admin client for name server " + nameServer, e);
        }
    }

    /** Starts the name server and broker-a, broker-b with their stores and logs under {@code dir}. */
    static ProcessCluster start(Path dir) throws IOException {
        ChildJvm namesrv = ChildJvm.start("name server", dir.resolve("logs/namesrv.log"), "256m",
                StandaloneRocketMq.class.getName(), List.of("namesrv", "0", dir.resolve("namesrv").toString()));
        ProcessCluster cluster = null;
        try {
            String line = namesrv.awaitLine(l -> l.startsWith(StandaloneRocketMq.READY + "namesrv "), READY_TIMEOUT);
            cluster = new ProcessCluster(dir, namesrv, line.substring(line.lastIndexOf(' ') + 1));
            for (String name : List.of("broker-a", "broker-b")) {
                cluster.brokerPorts.put(name, freeBrokerPort());
                cluster.startBroker(name);
            }
            cluster.awaitBrokersRegistered(cluster.brokerPorts.keySet());
            log.info("Process cluster up: name server {} (pid {}), brokers {}", cluster.nameServer, namesrv.pid(),
                    cluster.brokers.values().stream().map(b -> b.name() + " pid " + b.pid()).toList());
            return cluster;
        } catch (RuntimeException | IOException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                namesrv.kill();
            }
            throw e;
        }
    }

    /** The name server's address, host:port. */
    String nameServer() {
        return nameServer;
    }

    /** The broker names, broker-a first. */
    List<String> brokerNames() {
        return List.copyOf(brokerPorts.keySet());
    }

    /** An admin connection to the cluster (closed with the cluster). */
    RocketMqAdmin admin() {
        return admin;
    }

    /** A plain RocketMQ admin client for what tests do beyond Backtrack's operations (closed with the cluster). */
    DefaultMQAdminExt rawAdmin() {
        return rawAdmin;
    }

    /** Creates the topic with {@code queuesPerBroker} queues on both brokers and waits until both route it. */
    void createTopic(String topic, int queuesPerBroker) {
        createTopic(topic, queuesPerBroker, PermName.PERM_READ | PermName.PERM_WRITE);
    }

    /** Creates or changes the topic with the given permission ({@link PermName}) on both brokers. */
    void createTopic(String topic, int queuesPerBroker, int perm) {
        for (String name : brokerPorts.keySet()) {
            admin.createTopic(address(name), new TopicConfig(topic, queuesPerBroker, queuesPerBroker, perm));
        }
        awaitCondition("topic " + topic + " routed to both brokers with perm " + perm, () -> {
            List<QueueData> queues = admin.route(topic).getQueueDatas();
            return queues.stream().filter(q -> q.getPerm() == perm).map(QueueData::getBrokerName)
                    .collect(Collectors.toSet()).containsAll(brokerPorts.keySet());
        });
    }

    /**
     * Deletes the topic on both brokers and the name server. The broker answers the delete with an error when its
     * detailed statistics are off (RocketMQ 5.3.3 and 5.5.0), after it has dropped the topic: that error is ignored.
     */
    void deleteTopic(String topic) {
        for (String name : brokerPorts.keySet()) {
            try {
                rawAdmin.deleteTopicInBroker(Set.of(address(name)), topic);
            } catch (Exception e) {
                log.info("Deleting topic {} on {}: {}", topic, name, e.getMessage());
            }
        }
        try {
            rawAdmin.deleteTopicInNameServer(Set.of(nameServer), topic);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot delete topic " + topic + " in the name server", e);
        }
        awaitCondition("topic " + topic + " gone from both brokers", () -> {
            for (String name : brokerPorts.keySet()) {
                if (admin.holdsTopic(address(name), topic)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** SIGKILL of one broker; its store stays. */
    void killBroker(String name) {
        ChildJvm broker = brokers.remove(name);
        if (broker != null) {
            broker.kill();
            log.info("Killed {} with SIGKILL (pid {})", name, broker.pid());
        }
    }

    /** Starts a killed broker again, over its store and on its ports, and waits until it is registered. */
    void restartBroker(String name) throws IOException {
        startBroker(name);
        awaitBrokersRegistered(Set.of(name));
        log.info("Restarted {} over its store (pid {})", name, brokers.get(name).pid());
    }

    /** Starts again any broker a scenario killed and left down. */
    void ensureBrokersRunning() throws IOException {
        for (String name : brokerPorts.keySet()) {
            if (!brokers.containsKey(name) || !brokers.get(name).isAlive()) {
                brokers.remove(name);
                restartBroker(name);
            }
        }
    }

    /** The broker's address, host:port. */
    String address(String name) {
        return "127.0.0.1:" + brokerPorts.get(name);
    }

    /** Kills every process of the cluster. */
    @Override
    public void close() {
        admin.close();
        rawAdmin.shutdown();
        brokers.values().forEach(ChildJvm::kill);
        brokers.clear();
        nameServerJvm.kill();
    }

    private void startBroker(String name) throws IOException {
        ChildJvm broker = ChildJvm.start(name, dir.resolve("logs/" + name + "-" + (restarts++) + ".log"), HEAP,
                StandaloneRocketMq.class.getName(), List.of("broker", name, nameServer,
                        Integer.toString(brokerPorts.get(name)), dir.resolve("store").toString(),
                        Integer.toString(COMMIT_LOG_FILE_SIZE)));
        brokers.put(name, broker);
        broker.awaitLine(l -> l.startsWith(StandaloneRocketMq.READY + "broker " + name + " "), READY_TIMEOUT);
    }

    private void awaitBrokersRegistered(Set<String> names) {
        awaitCondition("brokers " + names + " registered with the name server",
                () -> admin.registeredMasters().keySet().containsAll(names));
    }

    private static void awaitCondition(String what, Check check) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("Timed out waiting for " + what, last);
    }

    /** A free port p with p-2 and p+1 free too: a broker listens on all three. */
    static int freeBrokerPort() {
        return LoopbackPorts.freeBrokerPort();
    }

    static int anyFree() {
        return LoopbackPorts.anyFree();
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
