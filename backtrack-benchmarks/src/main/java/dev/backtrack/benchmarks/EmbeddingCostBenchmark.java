package dev.backtrack.benchmarks;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * The cost of embedding: the example application's cold start to its first consumed message, and its resident memory,
 * with the embedded broker against the same application talking to a broker already running in another process.
 * Both start over a copy of the same store, which holds one order; the seed's {@code consumeTimestamp} replays it.
 */
public final class EmbeddingCostBenchmark {

    static final String SEED_TOPIC = "test-topic3";
    static final String STARTED = "Started MqBootstrapApplication";
    static final String CONSUMED = "接收到回溯消息";
    static final String DEFAULT_JAR = "mq-example/target/mq-example.jar";

    /** How the example reaches its broker. */
    enum Mode {
        EMBEDDED("embedded broker (default)"),
        EXTERNAL("already-running broker");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /**
     * One cold start.
     *
     * @param startedMillis from process start to Spring Boot's "Started" line
     * @param consumedMillis from process start to the example's log line for the first consumed message
     * @param appRssKib the application's resident memory when the message was consumed
     * @param brokerRssKib the separate broker process's resident memory then (0 when embedded)
     */
    record ColdStart(long startedMillis, long consumedMillis, long appRssKib, long brokerRssKib) {
    }

    private EmbeddingCostBenchmark() {
    }

    /** Runs with {@code [mq-example jar [runs]]}, default {@value #DEFAULT_JAR} and 3 counted runs per mode. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("embedding-cost", args);
        Path jar = Path.of(arguments.text(0, DEFAULT_JAR)).toAbsolutePath();
        int runs = arguments.count(1, "runs", 1, 3);
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkUsageException("embedding-cost: the mq-example jar is not at " + jar + "; build it with "
                    + "'./mvnw -pl mq-example -am package -DskipTests' from the repository root, or pass its path: "
                    + "embedding-cost <path/to/mq-example.jar> [runs]");
        }
        return run(jar, runs, System.out);
    }

    private static List<SummaryRow> run(Path jar, int runs, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("backtrack-embedding-bench-");
        Path template = seedStore(work.resolve("template"));
        Map<Mode, List<ColdStart>> results = new EnumMap<>(Mode.class);
        for (int round = 0; round <= runs; round++) { // round 0 warms the file cache up and is not counted
            for (Mode mode : Mode.values()) {
                Path runDir = work.resolve(mode.name().toLowerCase() + "-" + round);
                Files.createDirectories(runDir);
                copy(template, runDir.resolve("store"));
                ColdStart start = mode == Mode.EMBEDDED ? embedded(jar, runDir) : external(jar, runDir);
                out.printf("  round %d %-28s started %,6d ms, first message %,6d ms, app RSS %,d MiB, broker RSS "
                        + "%,d MiB%n", round, mode.label, start.startedMillis(), start.consumedMillis(),
                        start.appRssKib() / 1024, start.brokerRssKib() / 1024);
                if (round > 0) {
                    results.computeIfAbsent(mode, m -> new ArrayList<>()).add(start);
                }
            }
        }
        return print(out, results);
    }

    private static List<SummaryRow> print(PrintStream out, Map<Mode, List<ColdStart>> results) {
        out.printf("The example's cold start, java -jar with default JVM settings (median of %d runs after a warm-up "
                + "run)%n", results.get(Mode.EMBEDDED).size());
        out.printf("%-28s %12s %16s %12s %15s %12s%n", "broker", "started ms", "first msg ms", "app MiB",
                "broker MiB", "total MiB");
        Map<Mode, long[]> medians = new EnumMap<>(Mode.class);
        for (Map.Entry<Mode, List<ColdStart>> entry : results.entrySet()) {
            List<ColdStart> starts = entry.getValue();
            long[] m = {median(starts.stream().map(ColdStart::startedMillis).toList()),
                    median(starts.stream().map(ColdStart::consumedMillis).toList()),
                    median(starts.stream().map(ColdStart::appRssKib).toList()) / 1024,
                    median(starts.stream().map(ColdStart::brokerRssKib).toList()) / 1024};
            medians.put(entry.getKey(), m);
            out.printf("%-28s %,12d %,16d %,12d %,15d %,12d%n", entry.getKey().label, m[0], m[1], m[2], m[3],
                    m[2] + m[3]);
        }
        long[] embedded = medians.get(Mode.EMBEDDED);
        long[] external = medians.get(Mode.EXTERNAL);
        out.printf("embedded / external: first message %.2f, app memory %.2f, memory of all processes %.2f%n",
                embedded[1] / (double) external[1], embedded[2] / (double) external[2],
                (embedded[2] + embedded[3]) / (double) (external[2] + external[3]));
        return List.of(
                new SummaryRow("embedding-cost", "ms from java -jar to first consumed message", Long.toString(embedded[1]),
                        Long.toString(external[1]), String.format("%.2f", embedded[1] / (double) external[1])),
                new SummaryRow("embedding-cost", "MiB resident, the example's process", Long.toString(embedded[2]),
                        Long.toString(external[2]), String.format("%.2f", embedded[2] / (double) external[2])),
                new SummaryRow("embedding-cost", "MiB resident, app + broker processes",
                        Long.toString(embedded[2] + embedded[3]), Long.toString(external[2] + external[3]),
                        String.format("%.2f", (embedded[2] + embedded[3]) / (double) (external[2] + external[3]))));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A stopped store holding the seed's topic and one order, copied for every cold start. */
    private static Path seedStore(Path dir) throws Exception {
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(dir).build()).start()) {
            mq.createTopic(SEED_TOPIC, 4);
            DefaultMQProducer producer = new DefaultMQProducer("bench-seed-producer");
            producer.setNamesrvAddr(mq.nameServerAddress());
            producer.setInstanceName(UUID.randomUUID().toString());
            producer.start();
            try {
                producer.send(new Message(SEED_TOPIC, "test03", "{\"id\":1,\"desc\":\"test\"}"
                        .getBytes(StandardCharsets.UTF_8)));
            } finally {
                producer.shutdown();
            }
        }
        return dir;
    }

    private static ColdStart embedded(Path jar, Path runDir) throws Exception {
        return coldStart(runDir, List.of(java(), "-jar", jar.toString(), "--server.port=" + freePort(),
                "--backtrack.embedded.enabled=true", "--backtrack.embedded.store-dir=" + runDir.resolve("store"),
                "--backtrack.embedded.name-server-port=0", "--backtrack.embedded.broker-port=0"), null);
    }

    private static ColdStart external(Path jar, Path runDir) throws Exception {
        Process broker = new ProcessBuilder(benchmarkCommand("broker", runDir.resolve("store").toString()))
                .directory(runDir.toFile()).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> ready = new CompletableFuture<>();
            Deque<String> brokerTail = follow(broker, line -> {
                if (line.startsWith(StandaloneBroker.READY)) {
                    ready.complete(line.substring(StandaloneBroker.READY.length()).trim());
                }
            });
            failOnExit(broker, ready, "the standalone broker");
            String nameServer = await(ready, 120, "the standalone broker to start", brokerTail);
            awaitIdle(broker.pid());
            return coldStart(runDir, List.of(java(), "-jar", jar.toString(), "--server.port=" + freePort(),
                    "--backtrack.embedded.enabled=false",
                    "--spring.cloud.stream.rocketmq.binder.name-server=" + nameServer), broker);
        } finally {
            broker.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Starts the example, waits for its "Started" line and its first consumed message, and reads the memory then. */
    private static ColdStart coldStart(Path runDir, List<String> command, Process broker) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
        builder.environment().put("BACKTRACK_ADMIN_PASSWORD", UUID.randomUUID().toString());
        long t0 = System.nanoTime();
        Process app = builder.start();
        try {
            CompletableFuture<Long> started = new CompletableFuture<>();
            CompletableFuture<Long> consumed = new CompletableFuture<>();
            Deque<String> tail = follow(app, line -> {
                if (line.contains(STARTED)) {
                    started.complete(System.nanoTime());
                }
                if (line.contains(CONSUMED)) {
                    consumed.complete(System.nanoTime());
                }
            });
            failOnExit(app, consumed, "the example");
            long consumedAt = await(consumed, 180, "the example's first consumed message", tail);
            long appRss = residentKib(app.pid());
            long brokerRss = broker == null ? 0 : residentKib(broker.pid());
            long startedAt = await(started, 180, "the example's Started line", tail);
            return new ColdStart((startedAt - t0) / 1_000_000, (consumedAt - t0) / 1_000_000, appRss, brokerRss);
        } finally {
            app.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(CompletableFuture<T> future, int seconds, String what, Deque<String> tail)
            throws Exception {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            String lastOutput;
            synchronized (tail) {
                lastOutput = String.join("\n", tail);
            }
            throw new IllegalStateException("Waited for " + what + " in vain (" + (e instanceof TimeoutException
                    ? seconds + " s passed" : e.getCause().getMessage()) + "); last output:\n" + lastOutput, e);
        }
    }

    /** Ends the wait for {@code future} as soon as the process exits before it completed. */
    private static void failOnExit(Process process, CompletableFuture<?> future, String what) {
        process.onExit().thenAccept(exited -> future.completeExceptionally(
                new IllegalStateException(what + " exited with code " + exited.exitValue())));
    }

    /** Reads the process's output on a daemon thread, handing every line over and keeping the last 40. */
    private static Deque<String> follow(Process process, Consumer<String> onLine) {
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    onLine.accept(line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was stopped
            }
        }, "bench-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return tail;
    }

    /** Waits until the process used under 5% of a CPU over a second (at most 60 s): "already running" means settled. */
    private static void awaitIdle(long pid) throws IOException, InterruptedException {
        long ticksPerSecond = 100; // USER_HZ on Linux
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long before = cpuTicks(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long after = cpuTicks(pid);
            if (after - before < ticksPerSecond / 20) {
                return;
            }
            before = after;
        }
    }

    /** User plus system CPU time of a process in clock ticks, from /proc/PID/stat (Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15 of stat)
    }

    /** VmRSS of a process, from /proc (Linux). */
    static long residentKib(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The command that runs this benchmark program with {@code args}: from its jar, or from its class path. */
    private static List<String> benchmarkCommand(String... args) {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java()));
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, Benchmarks.class.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                try {
                    Files.copy(source, to.resolve(from.relativize(source).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
