package dev.backtrack.embedded;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What to start: the store directory, the ports and the number of brokers. Port 0 means any free port. */
public final class EmbeddedRocketMqConfig {

    /** Commit-log file size used unless told otherwise: small enough for a laptop. */
    public static final int DEFAULT_COMMIT_LOG_FILE_SIZE = 64 * 1024 * 1024;
    /** Distance between the listen ports of consecutive brokers when the first port is fixed. */
    public static final int BROKER_PORT_STRIDE = 10;
    private static final int MIN_COMMIT_LOG_FILE_SIZE = 1024 * 1024;

    private final Path storeDir;
    private final int nameServerPort;
    private final int brokerPort;
    private final int brokerCount;
    private final int commitLogFileSize;
    private final int defaultQueuesPerBroker;
    private final boolean autoCreateTopics;
    private final String clusterName;
    private final @Nullable String aclAccessKey;
    private final @Nullable String aclSecretKey;
    private final boolean proxyEnabled;
    private final int proxyGrpcPort;
    private final int proxyRemotingPort;

    private EmbeddedRocketMqConfig(Builder builder) {
        this.storeDir = builder.storeDir;
        this.nameServerPort = builder.nameServerPort;
        this.brokerPort = builder.brokerPort;
        this.brokerCount = builder.brokerCount;
        this.commitLogFileSize = builder.commitLogFileSize;
        this.defaultQueuesPerBroker = builder.defaultQueuesPerBroker;
        this.autoCreateTopics = builder.autoCreateTopics;
        this.clusterName = builder.clusterName;
        this.aclAccessKey = builder.aclAccessKey;
        this.aclSecretKey = builder.aclSecretKey;
        this.proxyEnabled = builder.proxyEnabled;
        this.proxyGrpcPort = builder.proxyGrpcPort;
        this.proxyRemotingPort = builder.proxyRemotingPort;
    }

    /** Starts a builder over the given store directory. */
    public static Builder builder(Path storeDir) {
        return new Builder(storeDir);
    }

    /** The directory holding every file of the name server and the brokers. */
    public Path storeDir() {
        return storeDir;
    }

    /** The name server's port; 0 for any free port. */
    public int nameServerPort() {
        return nameServerPort;
    }

    /** The first broker's port (the next ones follow at {@link #BROKER_PORT_STRIDE}); 0 for free ports. */
    public int brokerPort() {
        return brokerPort;
    }

    /** How many brokers: broker-a, broker-b, ... */
    public int brokerCount() {
        return brokerCount;
    }

    /** The size of each commit-log file in bytes. */
    public int commitLogFileSize() {
        return commitLogFileSize;
    }

    /** The number of queues each broker gives a topic created through {@link EmbeddedRocketMq#createTopic}. */
    public int defaultQueuesPerBroker() {
        return defaultQueuesPerBroker;
    }

    /** Whether brokers create a topic on first use. */
    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    /** The cluster name every broker registers under. */
    public String clusterName() {
        return clusterName;
    }

    /** Whether brokers require signed requests (RocketMQ ACL 2.0) from clients. */
    public boolean aclEnabled() {
        return aclAccessKey != null;
    }

    /** The ACL super user's access key (user name), or null without ACL. */
    public @Nullable String aclAccessKey() {
        return aclAccessKey;
    }

    /** The ACL super user's secret key (password), or null without ACL. */
    public @Nullable String aclSecretKey() {
        return aclSecretKey;
    }

    /** Whether RocketMQ's proxy runs beside the brokers (cluster mode), for gRPC clients; off by default. */
    public boolean proxyEnabled() {
        return proxyEnabled;
    }

    /** The proxy's gRPC port; 0 for any free port. */
    public int proxyGrpcPort() {
        return proxyGrpcPort;
    }

    /** The proxy's remoting port; 0 for any free port. */
    public int proxyRemotingPort() {
        return proxyRemotingPort;
    }

    /** Builds an {@link EmbeddedRocketMqConfig}, checking each value. */
    public static final class Builder {
        private final Path storeDir;
        private int nameServerPort;
        private int brokerPort;
        private int brokerCount = 1;
        private int commitLogFileSize = DEFAULT_COMMIT_LOG_FILE_SIZE;
        private int defaultQueuesPerBroker = 4;
        private boolean autoCreateTopics = true;
        private String clusterName = "DefaultCluster";
        private @Nullable String aclAccessKey;
        private @Nullable String aclSecretKey;
        private boolean proxyEnabled;
        private int proxyGrpcPort;
        private int proxyRemotingPort;

        private Builder(Path storeDir) {
            if (storeDir == null || storeDir.toString().isBlank()) {
                throw new EmbeddedRocketMqException(EmbeddedSetting.STORE_DIR,
                        "The store directory is empty; give a directory path, e.g. data/rocketmq");
            }
            this.storeDir = storeDir.toAbsolutePath().normalize();
        }

        /** Sets the name server's port (0 for any free port). */
        public Builder nameServerPort(int port) {
            this.nameServerPort = checkPort(EmbeddedSetting.NAME_SERVER_PORT, port, 1);
            return this;
        }

        /** Sets the first broker's port (0 for free ports); it also uses port-2 and port+1. */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(EmbeddedSetting.BROKER_PORT, port, 3);
            return this;
        }

        /** Sets the number of brokers, 1 to 26. */
        public Builder brokerCount(int count) {
            if (count < 1 || count > 26) {
                throw new EmbeddedRocketMqException(EmbeddedSetting.BROKER_COUNT,
                        "Broker count " + count + " is out of range; accepted: 1 to 26");
            }
            this.brokerCount = count;
            return this;
        }

        /** Sets the commit-log file size in bytes (at least 1 MiB). */
        public Builder commitLogFileSize(int bytes) {
            if (bytes < MIN_COMMIT_LOG_FILE_SIZE) {
                throw new EmbeddedRocketMqException(EmbeddedSetting.COMMIT_LOG_FILE_SIZE,
                        "Commit-log file size " + bytes + " bytes is too small; accepted: at least "
                                + MIN_COMMIT_LOG_FILE_SIZE + " bytes (1 MiB)");
            }
            this.commitLogFileSize = bytes;
            return this;
        }

        /** Sets the queues per broker for topics created through {@link EmbeddedRocketMq#createTopic}. */
        public Builder defaultQueuesPerBroker(int queues) {
            if (queues < 1) {
                throw new IllegalArgumentException("Queues per broker must be at least 1, was " + queues);
            }
            this.defaultQueuesPerBroker = queues;
            return this;
        }

        /** Sets whether brokers create topics on first use. */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** Sets the cluster name. */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name, "clusterName");
            return this;
        }

        /**
         * Starts brokers with RocketMQ ACL 2.0: every request must be signed, and this access key / secret key pair
         * is the one user, a super user allowed everything. The name server stays open, as RocketMQ's is.
         */
        public Builder acl(String accessKey, String secretKey) {
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("ACL needs a non-blank access key and secret key");
            }
            this.aclAccessKey = accessKey;
            this.aclSecretKey = secretKey;
            return this;
        }

        /**
         * Starts RocketMQ's proxy in cluster mode with the brokers, its gRPC endpoint on {@code grpcPort} for
         * {@code rocketmq-client-java} clients and its remoting endpoint on {@code remotingPort} (0 for any free port);
         * needs {@code rocketmq-proxy} on the classpath.
         */
        public Builder proxy(int grpcPort, int remotingPort) {
            this.proxyGrpcPort = checkPort(EmbeddedSetting.PROXY_GRPC_PORT, grpcPort, 1);
            this.proxyRemotingPort = checkPort(EmbeddedSetting.PROXY_REMOTING_PORT, remotingPort, 1);
            this.proxyEnabled = true;
            return this;
        }

        /** Builds the configuration. */
        public EmbeddedRocketMqConfig build() {
            if (brokerPort != 0 && brokerPort + (brokerCount - 1) * BROKER_PORT_STRIDE + 1 > 65535) {
                throw new EmbeddedRocketMqException(EmbeddedSetting.BROKER_PORT, "Broker port " + brokerPort
                        + " leaves no room for " + brokerCount + " brokers " + BROKER_PORT_STRIDE
                        + " ports apart; choose a lower port or 0 for free ports");
            }
            return new EmbeddedRocketMqConfig(this);
        }

        private static int checkPort(EmbeddedSetting setting, int port, int lowest) {
            if (port != 0 && (port < lowest || port > 65534)) {
                throw new EmbeddedRocketMqException(setting, "Port " + port + " is out of range for "
                        + setting.builderName() + "; accepted: 0 (any free port) or " + lowest + " to 65534");
            }
            return port;
        }
    }
}
