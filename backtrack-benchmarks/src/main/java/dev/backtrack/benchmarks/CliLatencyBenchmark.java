package dev.backtrack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * An operator's rewind of a live application, end to end: {@code bin/backtrack rewind --yes} run as a child process
 * against the example application (its embedded broker, its consumer running the starter), timed from the command's
 * start to the first replayed message the application logs and to the command's exit; against RocketMQ's own reset of
 * a live consumer through the admin API ({@code resetOffsetByTimestamp}, what mqadmin's resetOffsetByTime does),
 * timed from the call to the first redelivery, in the same run.
 */
public final class CliLatencyBenchmark {

    private static final String TOPIC = ExampleApp.TOPIC;
    private static final String GROUP = ExampleApp.GROUP;
    private static final int MESSAGES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final Path project;
    private final Path work;

    private CliLatencyBenchmark(Path project, Path work) {
        this.project = project;
        this.work = work;
    }

    /** Runs with {@code [cliRuns [resetRuns [project dir]]]}, default 5, 3 and the current directory. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("cli-latency", args);
        int cliRuns = arguments.count(0, "CLI runs", 1, 5);
        int resetRuns = arguments.count(1, "admin-reset runs", 1, 3);
        Path project = Path.of(arguments.text(2, ".")).toAbsolutePath().normalize();
        for (String needed : List.of("bin/backtrack", "backtrack-cli/target/backtrack-cli-exec.jar",
                "mq-example/target/mq-example.jar")) {
            if (!Files.isRegularFile(project.resolve(needed))) {
                throw new BenchmarkUsageException("cli-latency: " + project.resolve(needed) + " is missing; run it from "
                        + "the project directory (or give that directory as the third argument) after building with "
                        + "./mvnw -pl backtrack-cli,mq-example -am package -DskipTests");
            }
        }
        Path work = Files.createTempDirectory("backtrack-cli-bench-");
        try {
            return new CliLatencyBenchmark(project, work).run(cliRuns, resetRuns, System.out);
        } finally {
            ExampleApp.deleteTree(work);
        }
    }

    private List<SummaryRow> run(int cliRuns, int resetRuns, PrintStream out) throws Exception {
        try (ExampleApp app = ExampleApp.start(project.resolve("mq-example/target/mq-example.jar"), work, List.of(),
                line -> arrivals.add(System.nanoTime()))) {
            String nameServer = app.nameServer();
            long producedAfter = System.currentTimeMillis() - 1;
            produce(nameServer);
            ExampleApp.await(() -> arrivals.size() >= MESSAGES, 120_000, "the example to consume the messages");
            try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(nameServer))) {
                ExampleApp.awaitCaughtUp(admin);
                Timing firstRun = cli(nameServer, producedAfter, admin); // builds bin/backtrack's start-up cache
                out.printf("  first CLI run (unpacks the jar, writes the class archive): first replayed %,d ms, exit "
                        + "%,d ms%n", firstRun.firstReplayMillis(), firstRun.exitMillis());
                List<Timing> cli = new ArrayList<>();
                for (int i = 0; i < cliRuns; i++) {
                    cli.add(cli(nameServer, producedAfter, admin));
                    out.printf("  CLI run %d: first replayed %,d ms, exit %,d ms%n", i + 1,
                            cli.get(i).firstReplayMillis(), cli.get(i).exitMillis());
                }
                List<Long> reset = new ArrayList<>();
                for (int i = 0; i < resetRuns; i++) {
                    reset.add(adminReset(nameServer, admin, producedAfter));
                    out.printf("  admin reset run %d: first redelivery %,d ms%n", i + 1, reset.get(i));
                }
                return print(out, cli, reset);
            }
        }
    }

    /** One {@code bin/backtrack rewind --yes} as a child process; checks it exited 0 and rewound in place. */
    private Timing cli(String nameServer, long to, RocketMqAdmin admin) throws Exception {
        Path output = work.resolve("cli-out.json");
        ProcessBuilder builder = new ProcessBuilder("bash", project.resolve("bin/backtrack").toString(), "rewind",
                "-n", nameServer, "-g", GROUP, "-t", TOPIC, "--to", Long.toString(to), "--yes", "--json")
                .redirectOutput(output.toFile()).redirectError(work.resolve("cli-err.txt").toFile());
        builder.environment().put("BACKTRACK_CACHE_DIR", work.resolve("cli-cache").toString());
        arrivals.clear();
        long start = System.nanoTime();
        Process cli = builder.start();
        CompletableFuture<Long> exited = cli.onExit().thenApply(p -> System.nanoTime());
        if (!cli.waitFor(120, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException("bin/backtrack rewind did not exit within 120 s");
        }
        long exit = exited.get(10, TimeUnit.SECONDS);
        if (cli.exitValue() != 0) {
            throw new IllegalStateException("bin/backtrack rewind exited with " + cli.exitValue() + ": "
                    + Files.readString(work.resolve("cli-err.txt")));
        }
        JsonNode result = JSON.readTree(output.toFile());
        if (!"IN_PROCESS".equals(result.path("path").asText())) {
            throw new IllegalStateException("the CLI did not rewind in place: " + result.path("note").asText());
        }
        ExampleApp.await(() -> !arrivals.isEmpty(), 120_000, "the first replayed message");
        long first = arrivals.peek();
        ExampleApp.await(() -> arrivals.size() >= MESSAGES, 120_000, "every replayed message");
        ExampleApp.awaitCaughtUp(admin);
        return new Timing((first - start) / 1_000_000, (exit - start) / 1_000_000);
    }

    /** RocketMQ's reset of the live consumer through the admin API, as mqadmin resetOffsetByTime does it. */
    private long adminReset(String nameServer, RocketMqAdmin admin, long to) throws Exception {
        arrivals.clear();
        DefaultMQAdminExt raw = new DefaultMQAdminExt();
        raw.setNamesrvAddr(nameServer);
        raw.setInstanceName("cli-latency-reset-" + System.nanoTime());
        raw.start();
        long start = System.nanoTime();
        try {
            raw.resetOffsetByTimestamp(TOPIC, GROUP, to, true);
        } finally {
            raw.shutdown();
        }
        ExampleApp.await(() -> !arrivals.isEmpty(), 120_000, "the first redelivery after the admin reset");
        long first = arrivals.peek();
        ExampleApp.await(() -> arrivals.size() >= MESSAGES, 120_000, "every redelivered message");
        ExampleApp.awaitCaughtUp(admin);
        return (first - start) / 1_000_000;
    }

    private static List<SummaryRow> print(PrintStream out, List<Timing> cli, List<Long> reset) {
        long firstMedian = median(cli.stream().map(Timing::firstReplayMillis).toList());
        long exitMedian = median(cli.stream().map(Timing::exitMillis).toList());
        long resetMedian = median(reset);
        out.println("Rewind of the example's live consumer group (" + MESSAGES + " messages), from the command's start");
        out.printf("%-48s %5s %10s %8s %8s%n", "what", "runs", "median ms", "min ms", "max ms");
        row(out, "bin/backtrack rewind --yes: first replayed", cli.stream().map(Timing::firstReplayMillis).toList());
        row(out, "bin/backtrack rewind --yes: command exit", cli.stream().map(Timing::exitMillis).toList());
        row(out, "admin resetOffsetByTimestamp: first redelivery", reset);
        double ratio = resetMedian / (double) Math.max(1, firstMedian);
        out.printf("ratio admin reset / CLI, to the first replayed message: %.1fx%n", ratio);
        return List.of(new SummaryRow("cli-latency", "ms to first replayed message (CLI vs admin reset)",
                Long.toString(firstMedian), Long.toString(resetMedian), String.format("%.1fx faster", ratio)),
                new SummaryRow("cli-latency", "ms to the CLI's exit", Long.toString(exitMedian), "-", "-"));
    }

    private static void row(PrintStream out, String what, List<Long> values) {
        out.printf("%-48s %5d %10d %8d %8d%n", what, values.size(), median(values), Collections.min(values),
                Collections.max(values));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void produce(String nameServer) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-cli-producer");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                String body = "{\"id\":" + i + ",\"desc\":\"bench\"}";
                producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            producer.shutdown();
        }
    }

    private record Timing(long firstReplayMillis, long exitMillis) {
    }
}
