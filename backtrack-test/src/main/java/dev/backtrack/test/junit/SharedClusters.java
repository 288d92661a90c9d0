package dev.backtrack.test.junit;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JVM-wide embedded clusters that test classes share, one per settings, stopped when the JVM exits. */
final class SharedClusters {

    private static final Logger log = LoggerFactory.getLogger(SharedClusters.class);
    /** How long the JVM's exit waits for a shared cluster to stop before deleting its store regardless. */
    private static final long STOP_WAIT_MILLIS = 30_000;
    private static final Map<Key, EmbeddedRocketMq> CLUSTERS = new HashMap<>();

    /** The settings that tell shared clusters apart. */
    record Key(int brokerCount, int queuesPerBroker, String aclAccessKey, String aclSecretKey, boolean proxy) {
    }

    private SharedClusters() {
    }

    /** The running cluster for these settings, started over a new temporary store on first use. */
    static synchronized EmbeddedRocketMq get(Key key, Function<Path, EmbeddedRocketMq> starter) {
        EmbeddedRocketMq running = CLUSTERS.get(key);
        if (running != null && running.isRunning()) {
            return running;
        }
        Path store;
        try {
            store = Files.createTempDirectory("backtrack-embedded-shared-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedRocketMq started = starter.apply(store);
        CLUSTERS.put(key, started);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, store), "embedded-rocketmq-stop-shared"));
        log.info("Shared embedded RocketMQ for {} started at {}", key.brokerCount() + " broker(s)",
                started.nameServerAddress());
        return started;
    }

    private static void stop(EmbeddedRocketMq cluster, Path store) {
        Thread stopper = new Thread(cluster::stop, "embedded-rocketmq-stop-shared-cluster");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EmbeddedRocketMqExtension.deleteQuietly(store);
    }
}
