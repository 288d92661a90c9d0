package dev.backtrack.embedded.junit;

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
 */
public final class EmbeddedRocketMqExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final int brokerCount;
    private final int queuesPerBroker;
    private final @Nullable String aclAccessKey;
    private final @Nullable String aclSecretKey;
    private Path storeDir;
    private @Nullable EmbeddedRocketMq rocketMq;

    private EmbeddedRocketMqExtension(int brokerCount, int queuesPerBroker, @Nullable String aclAccessKey,
            @Nullable String aclSecretKey) {
        this.brokerCount = brokerCount;
        this.queuesPerBroker = queuesPerBroker;
        this.aclAccessKey = aclAccessKey;
        this.aclSecretKey = aclSecretKey;
    }

    /** One broker, four queues per topic created through the extension. */
    public static EmbeddedRocketMqExtension singleBroker() {
        return new EmbeddedRocketMqExtension(1, 4, null, null);
    }

    /** The given number of brokers, four queues each per topic created through the extension. */
    public static EmbeddedRocketMqExtension brokers(int count) {
        return new EmbeddedRocketMqExtension(count, 4, null, null);
    }

    /** The same brokers with another number of queues per broker for {@link EmbeddedRocketMq#createTopic(String)}. */
    public EmbeddedRocketMqExtension queuesPerBroker(int queues) {
        return new EmbeddedRocketMqExtension(brokerCount, queues, aclAccessKey, aclSecretKey);
    }

    /** The same brokers with RocketMQ ACL 2.0 on, the given pair being their one (super) user. */
    public EmbeddedRocketMqExtension acl(String accessKey, String secretKey) {
        return new EmbeddedRocketMqExtension(brokerCount, queuesPerBroker, accessKey, secretKey);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        storeDir = Files.createTempDirectory("backtrack-embedded-");
        EmbeddedRocketMqConfig.Builder config = EmbeddedRocketMqConfig.builder(storeDir)
                .brokerCount(brokerCount)
                .defaultQueuesPerBroker(queuesPerBroker)
                .commitLogFileSize(16 * 1024 * 1024);
        if (aclAccessKey != null) {
            config.acl(aclAccessKey, aclSecretKey);
        }
        rocketMq = new EmbeddedRocketMq(config.build()).start();
    }

    /**
     * Stops the cluster and deletes its store in the background: a RocketMQ broker takes about 13 s to join its
     * service threads, and the next test class (on other free ports, over another store) need not wait for that.
     * If the JVM exits first, its store is deleted on the way out.
     */
    @Override
    public void afterAll(ExtensionContext context) {
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

    private static void deleteQuietly(Path dir) {
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
