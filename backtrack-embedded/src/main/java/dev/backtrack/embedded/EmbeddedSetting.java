package dev.backtrack.embedded;

/** A user-facing setting of the embedded RocketMQ, named so that an error can say which one to change. */
public enum EmbeddedSetting {
    /** The directory that holds the name server's and brokers' files. */
    STORE_DIR("storeDir", "backtrack.embedded.store-dir"),
    /** The name server's listen port. */
    NAME_SERVER_PORT("nameServerPort", "backtrack.embedded.name-server-port"),
    /** The first broker's listen port. */
    BROKER_PORT("brokerPort", "backtrack.embedded.broker-port"),
    /** The number of brokers. */
    BROKER_COUNT("brokerCount", "backtrack.embedded.broker-count"),
    /** The commit log's mapped-file size. */
    COMMIT_LOG_FILE_SIZE("commitLogFileSize", "backtrack.embedded.commit-log-file-size"),
    /** Whether RocketMQ's proxy (gRPC endpoint) runs beside the brokers. */
    PROXY_ENABLED("proxy", "backtrack.embedded.proxy.enabled"),
    /** The proxy's gRPC port. */
    PROXY_GRPC_PORT("proxyGrpcPort", "backtrack.embedded.proxy.grpc-port"),
    /** The proxy's remoting port (RocketMQ's own protocol: admin tools ask it for the consumers it serves). */
    PROXY_REMOTING_PORT("proxyRemotingPort", "backtrack.embedded.proxy.remoting-port");

    private final String builderName;
    private final String propertyName;

    EmbeddedSetting(String builderName, String propertyName) {
        this.builderName = builderName;
        this.propertyName = propertyName;
    }

    /** The name of the setting on {@link EmbeddedRocketMqConfig.Builder}. */
    public String builderName() {
        return builderName;
    }

    /** The Spring Boot property that carries this setting. */
    public String propertyName() {
        return propertyName;
    }
}
