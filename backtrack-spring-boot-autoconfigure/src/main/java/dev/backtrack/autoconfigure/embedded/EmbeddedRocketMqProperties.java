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
}
