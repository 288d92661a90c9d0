package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The example application ({@code mq-example.jar}) as a process of its own on free ports, with its embedded broker and
 * its consumer running the starter: what the latency harnesses rewind. Every line the example logs for a consumed
 * message goes to the listener given at start.
 */
final class ExampleApp implements AutoCloseable {

    /** The example's topic. */
    static final String TOPIC = "test-topic3";
    /** The example's consumer group. */
    static final String GROUP = "backtracking-consumer-group";
    /** The example's binding. */
    static final String BINDING = "input-backtracking";
    /** The user of the example's actuator and console. */
    static final String USER = "operator";
    private static final String STARTED = "Started MqBootstrapApplication";
    private static final String CONSUMED = "接收到回溯消息";

    private final Process process;
    private final String nameServer;
    private final int httpPort;
    private final String password;

    private ExampleApp(Process process, String nameServer, int httpPort, String password) {
        this.process = process;
        this.nameServer = nameServer;
        this.httpPort = httpPort;
        this.password = password;
    }

    /**
     * Starts {@code jar} in {@code work} (its store there) with {@code extraArgs}, and returns once the example has
     * started; {@code consumed} gets each line the example logs for a consumed message.
     */
    static ExampleApp start(Path jar, Path work, List<String> extraArgs, Consumer<String> consumed) throws Exception {
        int nameServerPort = freePort();
        int httpPort = freePort();
        String password = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "--server.port=" + httpPort,
                "--backtrack.embedded.enabled=true", "--backtrack.embedded.store-dir=" + work.resolve("store"),
                "--backtrack.embedded.name-server-port=" + nameServerPort, "--backtrack.embedded.broker-port=0"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("BACKTRACK_ADMIN_PASSWORD", password);
        Process process = builder.start();
        ExampleApp app = new ExampleApp(process, "127.0.0.1:" + nameServerPort, httpPort, password);
        try {
            app.follow(consumed).get(180, TimeUnit.SECONDS);
            return app;
        } catch (Exception e) {
            app.close();
            throw e;
        }
    }

    /** The name server of the example's embedded broker, host:port. */
    String nameServer() {
        return nameServer;
    }

    /** The base URL of the example's web server, with its context path. */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort + "/mq-example";
    }

    /** The actuator's password of {@link #USER}. */
    String password() {
        return password;
    }

    /** Waits until the example's group has committed every message of its topic. */
    static void awaitCaughtUp(RocketMqAdmin admin) throws InterruptedException {
        await(() -> {
            try {
                return new OffsetsReader(admin).read(GROUP, TOPIC).stream().mapToLong(QueueOffsets::lag).sum() == 0;
            } catch (RuntimeException e) {
                return false; // the group's offsets are not on the broker yet
            }
        }, 120_000, "the example's consumer to commit its progress");
    }

    /** Waits until {@code condition} holds, failing after {@code timeoutMillis} naming {@code what}. */
    static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Deletes a harness's work folder (store, caches, outputs); what cannot be deleted stays. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Stops the example, forcibly when it does not stop within a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Reads the example's output: completes when it has started; hands every consumed message's line on. */
    private CompletableFuture<Void> follow(Consumer<String> consumed) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains(CONSUMED)) {
                        consumed.accept(line);
                    } else if (line.contains(STARTED)) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                // the example was stopped
            }
            started.completeExceptionally(new IllegalStateException("the example exited before it started"));
        }, "bench-example-output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
