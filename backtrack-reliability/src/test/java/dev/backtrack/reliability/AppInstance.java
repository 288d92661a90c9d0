package dev.backtrack.reliability;

import dev.backtrack.reliability.app.LedgerApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of {@link LedgerApplication} in a JVM of its own: the Backtrack starter, one RocketMQ consumer binding
 * positioned with CONSUME_FROM_TIMESTAMP, and a ledger file of every message it received.
 */
final class AppInstance {

    private static final String BINDING = "record-in-0";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Path ledger;
    private final ChildJvm jvm;

    private AppInstance(String name, Path ledger, ChildJvm jvm) {
        this.name = name;
        this.ledger = ledger;
        this.jvm = jvm;
    }

    /**
     * Starts an instance named {@code name} that runs the embedded RocketMQ (name server on {@code nameServerPort},
     * broker on {@code brokerPort}, files under {@code storeDir}) and consumes {@code topic} from it as {@code group}
     * from {@code consumeTimestamp} (epoch ms); ledger and log under {@code dir}.
     */
    static AppInstance startWithEmbeddedBroker(String name, Path dir, Path storeDir, int nameServerPort,
            int brokerPort, String topic, String group, long consumeTimestamp, Map<String, String> extra)
            throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("backtrack.embedded.enabled", "true");
        properties.put("backtrack.embedded.store-dir", storeDir.toString());
        properties.put("backtrack.embedded.name-server-port", Integer.toString(nameServerPort));
        properties.put("backtrack.embedded.broker-port", Integer.toString(brokerPort));
        properties.put("backtrack.embedded.commit-log-file-size", "16MB");
        properties.putAll(extra);
        return start(name, dir, null, topic, group, consumeTimestamp, properties);
    }

    /**
     * Starts an instance named {@code name} consuming {@code topic} as {@code group} from {@code consumeTimestamp}
     * (epoch ms), with its ledger and log under {@code dir}; {@code extra} adds or overrides Spring properties.
     */
    static AppInstance start(String name, Path dir, String nameServer, String topic, String group,
            long consumeTimestamp, Map<String, String> extra) throws IOException {
        Path ledger = dir.resolve(name + ".ledger");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", name);
        properties.put("backtrack.embedded.enabled", "false");
        if (nameServer != null) {
            properties.put("spring.cloud.stream.rocketmq.binder.name-server", nameServer);
        }
        properties.put("spring.cloud.function.definition", "record");
        properties.put("spring.cloud.stream.bindings." + BINDING + ".destination", topic);
        properties.put("spring.cloud.stream.bindings." + BINDING + ".group", group);
        properties.put("spring.cloud.stream.bindings." + BINDING + ".consumer.concurrency", "4");
        properties.put("spring.cloud.stream.bindings." + BINDING + ".consumer.max-attempts", "1");
        String rocketMq = "spring.cloud.stream.rocketmq.bindings." + BINDING + ".consumer.";
        properties.put(rocketMq + "consumeFromWhere", "CONSUME_FROM_TIMESTAMP");
        properties.put(rocketMq + "consumeTimestamp", Long.toString(consumeTimestamp));
        properties.put(rocketMq + "pullBatchSize", "32");
        properties.put(rocketMq + "enableMsgTrace", "false");
        properties.put("ledger.file", ledger.toString());
        properties.put("logging.level.dev.backtrack", "INFO");
        properties.putAll(extra);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        // The embedded broker runs in the application's JVM and needs room of its own.
        String heap = "true".equals(properties.get("backtrack.embedded.enabled")) ? "512m" : "320m";
        ChildJvm jvm = ChildJvm.start(name, dir.resolve(name + ".log"), heap, LedgerApplication.class.getName(),
                args);
        return new AppInstance(name, ledger, jvm);
    }

    /** Waits until the instance listens for rewind orders (its consumer binding has started before). */
    AppInstance awaitReady() {
        jvm.awaitLine(line -> line.contains("listening for rewind orders"), READY_TIMEOUT);
        return this;
    }

    /** Waits until a line of its log contains {@code text}. */
    void awaitLog(String text, Duration timeout) {
        jvm.awaitLine(line -> line.contains(text), timeout);
    }

    /** SIGKILL. */
    void kill() {
        jvm.kill();
    }

    /** SIGTERM only; see {@link #isAlive()} and {@link #exitValue()}. */
    void terminate() {
        jvm.terminate();
    }

    /** The exit code, once the process has exited. */
    int exitValue() {
        return jvm.exitValue();
    }

    /** Graceful stop, SIGKILL after 20 s. */
    void stop() {
        jvm.stop(Duration.ofSeconds(20));
    }

    String name() {
        return name;
    }

    Path ledger() {
        return ledger;
    }

    boolean isAlive() {
        return jvm.isAlive();
    }
}
