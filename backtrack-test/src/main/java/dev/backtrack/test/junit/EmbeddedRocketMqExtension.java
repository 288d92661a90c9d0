package dev.backtrack.test.junit;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an embedded RocketMQ over a temporary store for the tests of a class.
 * Register it with {@code @RegisterExtension static EmbeddedRocketMqExtension mq = EmbeddedRocketMqExtension.brokers(2);}.
 * With {@link #shared()}, test classes asking for the same settings share one cluster per JVM (started by the first,
 * stopped when the JVM exits); they must then use their own topics and groups, and leave the brokers running.
 */
public final class EmbeddedRocketMqExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final int brokerCount;
    private final int queuesPerBroker;
    private final @Nullable String aclAccessKey;
    private final @Nullable String aclSecretKey;
    private final boolean shared;
    private final boolean proxy;
    private Path storeDir;
    private @Nullable EmbeddedRocketMq rocketMq;

    private EmbeddedRocketMqExtension(int brokerCount, int queuesPerBroker, @Nullable String aclAccessKey,
            @Nullable String aclSecretKey, boolean shared, boolean proxy) {
        this.brokerCount = brokerCount;
        this.queuesPerBroker = queuesPerBroker;
        this.aclAccessKey = aclAccessKey;
        this.aclSecretKey = aclSecretKey;
        this.shared = shared;
        this.proxy = proxy;
    }

    /** One broker, four queues per topic created through the extension. */
    public static EmbeddedRocketMqExtension singleBroker() {
        return new EmbeddedRocketMqExtension(1, 4, null, null, false, false);
    }

    /** The given number of brokers, four queues each per topic created through the extension. */
    public static EmbeddedRocketMqExtension brokers(int count) {
        return new EmbeddedRocketMqExtension(count, 4, null, null, false, false);
    }

    /** The same brokers with another number of queues per broker for {@link EmbeddedRocketMq#createTopic(String)}. */
    public EmbeddedRocketMqExtension queuesPerBroker(int queues) {
        return new EmbeddedRocketMqExtension(brokerCount, queues, aclAccessKey, aclSecretKey, shared, proxy);
    }

    /** The same brokers with RocketMQ ACL 2.0 on, the given pair being their one (super) user. */
    public EmbeddedRocketMqExtension acl(String accessKey, String secretKey) {
        return new EmbeddedRocketMqExtension(brokerCount, queuesPerBroker, accessKey, secretKey, shared, proxy);
    }

    /**
     * The same settings, on the one cluster of this JVM with these settings, started by the first test class that
     * asks and stopped when the JVM exits: for test classes that keep to their own topics and groups and stop no
     * broker.
     */
    public EmbeddedRocketMqExtension shared() {
        return new EmbeddedRocketMqExtension(brokerCount, queuesPerBroker, aclAccessKey, aclSecretKey, true, proxy);
    }

    /**
     * The same brokers with RocketMQ's proxy beside them (cluster mode, gRPC on a free port; see
     * {@link EmbeddedRocketMq#proxyEndpoint()}). One proxy can run per JVM.
     */
    public EmbeddedRocketMqExtension withProxy() {
        return new EmbeddedRocketMqExtension(brokerCount, queuesPerBroker, aclAccessKey, aclSecretKey, shared, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (shared) {
            rocketMq = SharedClusters.get(new SharedClusters.Key(brokerCount, queuesPerBroker, aclAccessKey,
                    aclSecretKey, proxy), this::startCluster);
            return;
        }
        storeDir = Files.createTempDirectory("backtrack-embedded-");
        rocketMq = startCluster(storeDir);
    }

    private EmbeddedRocketMq startCluster(Path store) {
        EmbeddedRocketMqConfig.Builder config = EmbeddedRocketMqConfig.builder(store)
                .brokerCount(brokerCount)
                .defaultQueuesPerBroker(queuesPerBroker)
                .commitLogFileSize(16 * 1024 * 1024);
        if (aclAccessKey != null) {
            config.acl(aclAccessKey, aclSecretKey);
        }
        if (proxy) {
            config.proxy(0, 0);
        }
        return new EmbeddedRocketMq(config.build()).start();
    }

    /**
     * Stops the cluster and deletes its store in the background: a RocketMQ broker takes about 13 s to join its
     * service threads, and the next test class (on other free ports, over another store) need not wait for that.
     * If the JVM exits first, its store is deleted on the way out.
     */
    @Override
    public void afterAll(ExtensionContext context) {
        if (shared) {
            rocketMq = null; // stays up for the next test class; stopped when the JVM exits
            return;
        }
        EmbeddedRocketMq stopping = rocketMq;
        Path store = storeDir;
        rocketMq = null;
        Thread deleteOnExit = new Thread(() -> deleteQuietly(store), "embedded-rocketmq-delete-store");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
        Thread stopper = new Thread(() -> {
            if (stopping != null) {
                stopping.stop();
            }
            deleteQuietly(store);
            try {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down: the hook deletes the store
            }
        }, "embedded-rocketmq-stop-after-tests");
        stopper.setDaemon(true);
        stopper.start();
    }

    static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            // a broker still writing while the JVM exits: the temporary directory stays behind
        }
    }

    /** The running cluster. */
    public EmbeddedRocketMq rocketMq() {
        return rocketMq;
    }

    /** The running name server's address, host:port. */
    public String nameServerAddress() {
        return rocketMq.nameServerAddress();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedRocketMq.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return rocketMq;
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
