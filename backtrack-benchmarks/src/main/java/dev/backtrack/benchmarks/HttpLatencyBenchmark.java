package dev.backtrack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * The actuator endpoint over HTTP, as an operator's curl sees it, against the running example under steady traffic
 * (100 messages a second): the list of bindings, the history, a dry run and an executed in-place rewind, each timed
 * from the request's start to its answer, and the rewind also to the first replayed message the example logs. The
 * baseline, in the same run on the same server: {@code GET /actuator/metrics}, an authenticated actuator round trip
 * that does not reach RocketMQ.
 */
public final class HttpLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final long SEND_INTERVAL_NANOS = 10_000_000; // 100 messages a second
    private static final Duration REWIND_BACK = Duration.ofSeconds(2);

    private final Set<Long> consumedIds = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> replayedAt = new ConcurrentHashMap<>();
    private final AtomicLong lastConsumedId = new AtomicLong(-1);
    // HTTP/1.1 as curl speaks it: the default asks each request to upgrade to HTTP/2 over clear text
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String authorization = "";
    private String base = "";

    private HttpLatencyBenchmark() {
    }

    /** Runs with {@code [runs [project dir]]}, default 10 and the current directory. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("http-latency", args);
        int runs = arguments.count(0, "runs", 1, 10);
        Path project = Path.of(arguments.text(1, ".")).toAbsolutePath().normalize();
        Path jar = project.resolve("mq-example/target/mq-example.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkUsageException("http-latency: " + jar + " is missing; run it from the project directory "
                    + "(or give that directory as the second argument) after building with "
                    + "./mvnw -pl mq-example -am package -DskipTests");
        }
        Path work = Files.createTempDirectory("backtrack-http-bench-");
        try {
            return new HttpLatencyBenchmark().run(jar, work, runs, System.out);
        } finally {
            ExampleApp.deleteTree(work);
        }
    }

    private List<SummaryRow> run(Path jar, Path work, int runs, PrintStream out) throws Exception {
        try (ExampleApp app = ExampleApp.start(jar, work,
                List.of("--management.endpoints.web.exposure.include=health,backtrack,metrics"), this::consumed)) {
            base = app.baseUrl() + "/actuator";
            authorization = "Basic " + Base64.getEncoder().encodeToString((ExampleApp.USER + ":" + app.password())
                    .getBytes(StandardCharsets.UTF_8));
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicReference<Exception> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> produce(app.nameServer(), producing, producerFailure),
                    "bench-steady-producer");
            producer.start();
            try {
                ExampleApp.await(() -> lastConsumedId.get() >= 200, 120_000, "the example to consume the traffic");
                Map<String, List<Long>> timings = new LinkedHashMap<>();
                for (int warm = 0; warm < 3; warm++) { // the first requests load classes and open the session
                    get("/metrics/jvm.threads.live");
                    get("/backtrack");
                    get("/backtrack/history");
                    post("/backtrack", dryRun(true));
                }
                for (int i = 0; i < runs; i++) {
                    timings.computeIfAbsent("GET /actuator/metrics/jvm.threads.live (baseline)", k -> new ArrayList<>())
                            .add(timed(() -> get("/metrics/jvm.threads.live")));
                    timings.computeIfAbsent("GET /actuator/backtrack", k -> new ArrayList<>())
                            .add(timed(() -> get("/backtrack")));
                    timings.computeIfAbsent("GET /actuator/backtrack/history", k -> new ArrayList<>())
                            .add(timed(() -> get("/backtrack/history")));
                    timings.computeIfAbsent("POST /actuator/backtrack, dry run", k -> new ArrayList<>())
                            .add(timed(() -> post("/backtrack", dryRun(true))));
                    long[] rewind = rewind();
                    timings.computeIfAbsent("POST /actuator/backtrack, executed in place: answer",
                            k -> new ArrayList<>()).add(rewind[0]);
                    timings.computeIfAbsent("  ... first replayed message logged", k -> new ArrayList<>())
                            .add(rewind[1]);
                    out.printf("  run %d: rewind answered %,d ms, first replayed %,d ms%n", i + 1, rewind[0],
                            rewind[1]);
                }
                if (producerFailure.get() != null) {
                    throw producerFailure.get();
                }
                return print(out, timings);
            } finally {
                producing.set(false);
                producer.join(30_000);
            }
        }
    }

    /** One executed rewind to 2 s ago: ms to the answer and to the first replayed message; waits for the replay. */
    private long[] rewind() throws Exception {
        replayedAt.clear();
        long newestBefore = lastConsumedId.get();
        String to = Long.toString(System.currentTimeMillis() - REWIND_BACK.toMillis());
        long start = System.nanoTime();
        JsonNode answer = post("/backtrack", "{\"binding\":\"" + ExampleApp.BINDING + "\",\"to\":\"" + to
                + "\",\"dryRun\":\"false\"}");
        long answered = System.nanoTime();
        if (!"IN_PROCESS".equals(answer.path("path").asText())) {
            throw new IllegalStateException("the rewind was not applied in place: " + answer);
        }
        ExampleApp.await(() -> !replayedAt.isEmpty(), 60_000, "the first replayed message");
        long first = replayedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        ExampleApp.await(() -> replayedAt.containsKey(newestBefore), 120_000,
                "the replay to reach the newest message consumed before the rewind");
        return new long[] {(answered - start) / 1_000_000, (first - start) / 1_000_000};
    }

    /** Notes a consumed message's id; one seen before is a replay. */
    private void consumed(String line) {
        long now = System.nanoTime();
        Matcher id = ID.matcher(line);
        if (!id.find()) {
            return;
        }
        long value = Long.parseLong(id.group(1));
        if (!consumedIds.add(value)) {
            replayedAt.putIfAbsent(value, now);
        }
        lastConsumedId.accumulateAndGet(value, Math::max);
    }

    private static String dryRun(boolean dry) {
        return "{\"binding\":\"" + ExampleApp.BINDING + "\",\"to\":\"-1m\",\"dryRun\":\"" + dry + "\"}";
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static long timed(Request request) throws Exception {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Sends {"id":N} to the example's topic every 10 ms until {@code producing} turns false. */
    private static void produce(String nameServer, AtomicBoolean producing, AtomicReference<Exception> failure) {
        DefaultMQProducer producer = new DefaultMQProducer("bench-http-producer");
        producer.setNamesrvAddr(nameServer);
        producer.setSendMsgTimeout(30_000);
        try {
            producer.start();
            long next = System.nanoTime();
            for (long id = 0; producing.get(); id++) {
                String body = "{\"id\":" + id + ",\"desc\":\"steady\"}";
                producer.send(new Message(ExampleApp.TOPIC, body.getBytes(StandardCharsets.UTF_8)));
                next += SEND_INTERVAL_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (Exception e) {
            failure.set(e);
        } finally {
            producer.shutdown();
        }
    }

    private static List<SummaryRow> print(PrintStream out, Map<String, List<Long>> timings) {
        out.println("The example's actuator over HTTP (basic auth, one kept connection), under 100 msg/s of traffic");
        out.printf("%-60s %5s %10s %8s %8s%n", "request", "runs", "median ms", "min ms", "max ms");
        timings.forEach((what, values) -> out.printf("%-60s %5d %10d %8d %8d%n", what, values.size(), median(values),
                Collections.min(values), Collections.max(values)));
        List<Long> medians = timings.values().stream().map(HttpLatencyBenchmark::median).toList();
        long baseline = medians.get(0);
        List<SummaryRow> rows = new ArrayList<>();
        List<String> names = new ArrayList<>(timings.keySet());
        for (int i = 1; i < names.size(); i++) {
            rows.add(new SummaryRow("http-latency", "ms, " + names.get(i).strip() + " / " + names.get(0),
                    Long.toString(medians.get(i)), Long.toString(baseline),
                    String.format("%.1fx", medians.get(i) / (double) Math.max(1, baseline))));
        }
        return rows;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @FunctionalInterface
    private interface Request {
        void run() throws Exception;
    }
}
