package dev.backtrack.autoconfigure.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the in-process RocketMQ name server and brokers. */
@ConfigurationProperties(prefix = "backtrack.embedded")
public class EmbeddedRocketMqProperties {

    /** Whether to start a RocketMQ name server and broker(s) inside the application and point the binder at them. */
    private boolean enabled;

    /** Directory holding the embedded name server's and brokers' files; kept across restarts. */
    private Path storeDir = Path.of("data", "rocketmq");

    /** Name server port on 127.0.0.1; 0 picks any free port. */
    private int nameServerPort = 9876;

    /** First broker's port on 127.0.0.1 (it also uses port-2 and port+1; further brokers follow 10 ports apart); 0 picks free ports. */
    private int brokerPort = 10911;

    /** Number of brokers (broker-a, broker-b, ...). */
    private int brokerCount = 1;

    /** Size of each commit-log file. */
    private DataSize commitLogFileSize = DataSize.ofMegabytes(64);

    /** Queues per broker for topics the brokers create on first use. */
    private int queuesPerBroker = 4;

    /** RocketMQ's proxy beside the brokers, for gRPC clients (rocketmq-client-java); needs rocketmq-proxy. */
    private final Proxy proxy = new Proxy();

    public Proxy getProxy() {
        return proxy;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Path getStoreDir() {
        return storeDir;
    }

    public void setStoreDir(Path storeDir) {
        this.storeDir = storeDir;
    }

    public int getNameServerPort() {
        return nameServerPort;
    }

    public void setNameServerPort(int nameServerPort) {
        this.nameServerPort = nameServerPort;
    }

    public int getBrokerPort() {
        return brokerPort;
    }

    public void setBrokerPort(int brokerPort) {
        this.brokerPort = brokerPort;
    }

    public int getBrokerCount() {
        return brokerCount;
    }

    public void setBrokerCount(int brokerCount) {
        this.brokerCount = brokerCount;
    }

    public DataSize getCommitLogFileSize() {
        return commitLogFileSize;
    }

    public void setCommitLogFileSize(DataSize commitLogFileSize) {
        this.commitLogFileSize = commitLogFileSize;
    }

    public int getQueuesPerBroker() {
        return queuesPerBroker;
    }

    public void setQueuesPerBroker(int queuesPerBroker) {
        this.queuesPerBroker = queuesPerBroker;
    }

    /** The embedded RocketMQ proxy (cluster mode). */
    public static class Proxy {

        /** Whether to start RocketMQ's proxy (cluster mode) with the brokers; needs rocketmq-proxy on the classpath. */
        private boolean enabled;

        /** The proxy's gRPC port on all interfaces (RocketMQ's default 8081 is taken by an example); 0 picks any free port. */
        private int grpcPort = 8091;

        /** The proxy's remoting port, where Backtrack asks which consumers it serves (RocketMQ's default: 8080); 0 picks any free port. */
        private int remotingPort = 8090;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getGrpcPort() {
            return grpcPort;
        }

        public void setGrpcPort(int grpcPort) {
            this.grpcPort = grpcPort;
        }

        public int getRemotingPort() {
            return remotingPort;
        }

        public void setRemotingPort(int remotingPort) {
            this.remotingPort = remotingPort;
        }
    }
}
