package dev.backtrack.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.utils.StartAndShutdown;
import org.apache.rocketmq.proxy.config.Configuration;
import org.apache.rocketmq.proxy.config.ConfigurationManager;
import org.apache.rocketmq.proxy.config.ProxyConfig;
import org.apache.rocketmq.proxy.grpc.GrpcServer;
import org.apache.rocketmq.proxy.grpc.GrpcServerBuilder;
import org.apache.rocketmq.proxy.grpc.v2.GrpcMessagingApplication;
import org.apache.rocketmq.proxy.metrics.ProxyMetricsManager;
import org.apache.rocketmq.proxy.processor.DefaultMessagingProcessor;
import org.apache.rocketmq.proxy.remoting.RemotingProtocolServer;
import org.apache.rocketmq.proxy.service.cert.TlsCertificateManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocketMQ's proxy in cluster mode, in this JVM: a gRPC endpoint for {@code rocketmq-client-java} producers and
 * consumers, talking to the embedded name server and brokers. The proxy keeps its configuration in a JVM-wide
 * singleton, so only one can run in a JVM at a time.
 */
final class EmbeddedProxy {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedProxy.class);
    /** The topic the proxy shares its clients' heartbeats through; it creates it at start unless it exists. */
    static final String HEARTBEAT_SYNC_TOPIC = new ProxyConfig().getHeartbeatSyncerTopicName();
    private static final AtomicBoolean RUNNING_IN_JVM = new AtomicBoolean();
    private static final int SERVER_THREADS = 8;
    // A receive waits at most this long for messages (RocketMQ's default: 20 s); a consumer also waits for its
    // pending receive when it is closed, and an offset reset does not wake it.
    private static final long MAX_LONG_POLLING_MILLIS = 5_000;

    private final Path home;
    private final String nameServerAddress;
    private final String clusterName;
    private final int grpcPort;
    private final int remotingPort;
    private final List<StartAndShutdown> started = new ArrayList<>();

    EmbeddedProxy(Path storeDir, String nameServerAddress, String clusterName, int grpcPort, int remotingPort) {
        this.home = storeDir.resolve("proxy");
        this.nameServerAddress = nameServerAddress;
        this.clusterName = clusterName;
        this.grpcPort = grpcPort;
        this.remotingPort = remotingPort;
    }

    /** The gRPC endpoint clients use, host:port. */
    String endpoint() {
        return "127.0.0.1:" + grpcPort;
    }

    /** The remoting endpoint (RocketMQ's own protocol), host:port. */
    String remotingAddress() {
        return "127.0.0.1:" + remotingPort;
    }

    /** Starts the proxy; on failure stops what had started and throws. */
    void start() {
        if (!RUNNING_IN_JVM.compareAndSet(false, true)) {
            throw new IllegalStateException("A RocketMQ proxy already runs in this JVM (its configuration is "
                    + "JVM-wide); stop that cluster first or start this one without the proxy");
        }
        try {
            configure();
            ProxyConfig config = ConfigurationManager.getProxyConfig();
            DefaultMessagingProcessor processor = DefaultMessagingProcessor.createForClusterMode();
            started(ProxyMetricsManager.initClusterMode(config));
            started(processor);
            GrpcMessagingApplication application = GrpcMessagingApplication.create(processor);
            started(application);
            TlsCertificateManager tls = new TlsCertificateManager();
            started(tls);
            ThreadPoolExecutor executor = serverExecutor();
            started(new StartAndShutdown() {
                @Override
                public void start() {
                }

                @Override
                public void shutdown() {
                    executor.shutdownNow();
                }
            });
            GrpcServer server = GrpcServerBuilder.newBuilder(executor, grpcPort, tls)
                    .addService(application)
                    .configInterceptor()
                    .shutdownTime(1, TimeUnit.SECONDS)
                    .build();
            started(server);
            started(new RemotingProtocolServer(processor, tls));
            log.info("Embedded RocketMQ proxy (cluster mode) started: gRPC {}, remoting {}, name server {}",
                    endpoint(), remotingAddress(), nameServerAddress);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("The embedded RocketMQ proxy failed to start on ports " + grpcPort + " (gRPC) and "
                    + remotingPort + " (remoting): "
                    + e.getMessage(), e);
        }
    }

    /** Stops what was started, last first. */
    void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).shutdown();
            } catch (Exception e) {
                log.warn("A part of the embedded RocketMQ proxy did not stop cleanly", e);
            }
        }
        started.clear();
        RUNNING_IN_JVM.set(false);
    }

    private void started(StartAndShutdown part) throws Exception {
        part.start();
        started.add(part);
    }

    private void configure() throws Exception {
        Files.createDirectories(home);
        Path file = home.resolve(ProxyConfig.DEFAULT_CONFIG_FILE_NAME);
        // TLS test mode: the gRPC server accepts plain-text connections (the embedded servers run without TLS,
        // see PlainTextServers) and would only use its generated certificate for clients that ask for TLS.
        String json = "{\n"
                + "  \"proxyMode\": \"cluster\",\n"
                + "  \"proxyName\": \"embedded-proxy\",\n"
                + "  \"rocketMQClusterName\": \"" + clusterName + "\",\n"
                + "  \"namesrvAddr\": \"" + nameServerAddress + "\",\n"
                + "  \"grpcServerPort\": " + grpcPort + ",\n"
                + "  \"remotingListenPort\": " + remotingPort + ",\n"
                + "  \"tlsTestModeEnable\": true,\n"
                + "  \"tlsKeyPath\": \"" + home.resolve("tls.key") + "\",\n"
                + "  \"tlsCertPath\": \"" + home.resolve("tls.crt") + "\",\n"
                + "  \"enablePrintJstack\": false,\n"
                + "  \"grpcClientConsumerMaxLongPollingTimeoutMillis\": " + MAX_LONG_POLLING_MILLIS + ",\n"
                + "  \"grpcWorkerLoopNum\": 2,\n"
                + "  \"grpcThreadPoolNums\": " + SERVER_THREADS + ",\n"
                + "  \"rocketmqMQClientNum\": 2,\n"
                + "  \"heartbeatSyncerThreadPoolNums\": 1\n"
                + "}\n";
        writeConfig(file, json);
        System.setProperty(Configuration.CONFIG_PATH_PROPERTY, file.toString());
        ConfigurationManager.initEnv();
        ConfigurationManager.initConfig();
    }

    private static void writeConfig(Path file, String json) throws IOException {
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static ThreadPoolExecutor serverExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(SERVER_THREADS, SERVER_THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(10_000), r -> {
                    Thread thread = new Thread(r, "EmbeddedProxyGrpc-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
