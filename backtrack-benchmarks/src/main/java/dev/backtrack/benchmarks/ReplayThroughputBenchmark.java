package dev.backtrack.benchmarks;

import dev.backtrack.benchmarks.replay.BindingReplay;
import dev.backtrack.benchmarks.replay.BrokerReadReplay;
import dev.backtrack.benchmarks.replay.LitePullReplay;
import dev.backtrack.benchmarks.replay.PushConsumerReplay;
import dev.backtrack.benchmarks.replay.ReplayCounter;
import dev.backtrack.benchmarks.replay.ReplayPath;
import dev.backtrack.benchmarks.replay.ReplayTuning;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replay throughput after a rewind to the middle of a topic: a Spring Cloud Stream binding with the Backtrack starter
 * against the best of a raw push consumer and a raw lite pull consumer given the same tuning, and against the broker's
 * read rate with no consumer at all; every path only counts order ids, on the same embedded broker in the same run.
 */
public final class ReplayThroughputBenchmark {

    static final String TOPIC = "bench-replay";
    static final int QUEUES = 8;
    static final int MESSAGE_BYTES = 1024;
    static final int DEFAULT_MESSAGES = 1_000_000;
    static final int DEFAULT_ROUNDS = 3;
    private static final String JSON = "application/json";

    /** The role of a path in the comparison. */
    private enum Role { LIMIT, RAW, SAME_WORK, BINDING, WITHOUT_BACKTRACK }

    private record Measured(ReplayPath path, Role role) {
    }

    private ReplayThroughputBenchmark() {
    }

    /**
     * Runs with {@code [messages [rounds [threads [pullBatchSize]]]]}: by default 1,000,000 messages, 3 counted rounds
     * and the recommended tuning (4 threads, 32 messages per pull) for the raw consumers and the tuned bindings alike.
     */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("replay-throughput", args);
        int messages = arguments.count(0, "messages", QUEUES * 2, DEFAULT_MESSAGES);
        int rounds = arguments.count(1, "rounds", 1, DEFAULT_ROUNDS);
        int threads = arguments.count(2, "threads", 1, 64, ReplayTuning.RECOMMENDED.threads());
        int pullBatchSize = arguments.count(3, "pullBatchSize", 1, 1024, ReplayTuning.RECOMMENDED.pullBatchSize());
        return run(messages, rounds, new ReplayTuning(threads, pullBatchSize), System.out);
    }

    private static List<SummaryRow> run(int messages, int rounds, ReplayTuning tuning, PrintStream out)
            throws Exception {
        Path store = Files.createTempDirectory("backtrack-replay-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            mq.createTopic(TOPIC, QUEUES);
            int perQueue = messages / QUEUES;
            long total = (long) perQueue * QUEUES;
            out.printf("Filling %s with %,d messages of %d bytes...%n", TOPIC, total, MESSAGE_BYTES);
            long middle = new TopicFiller(mq.nameServerAddress(), 256).fill(TOPIC, QUEUES, perQueue,
                    ReplayThroughputBenchmark::jsonBody);
            TopicFiller.awaitIndexed(admin, TOPIC, perQueue);

            String nameServer = mq.nameServerAddress();
            PushConsumerReplay push = new PushConsumerReplay(nameServer, admin, tuning);
            BindingReplay recommended = new BindingReplay(nameServer, "binding, recommended settings", "countOrders",
                    tuning, JSON);
            List<Measured> paths = List.of(
                    new Measured(new BrokerReadReplay(nameServer, tuning.pullBatchSize()), Role.LIMIT),
                    new Measured(push, Role.RAW),
                    new Measured(new LitePullReplay(nameServer, admin, tuning), Role.RAW),
                    new Measured(push.parsingEachOrder(), Role.SAME_WORK),
                    new Measured(new BindingReplay(nameServer, "binding, binder defaults", "countOrders", null,
                            JSON), Role.BINDING),
                    new Measured(recommended, Role.BINDING),
                    new Measured(recommended.withoutBacktrack("binding, recommended settings, without Backtrack",
                            admin), Role.WITHOUT_BACKTRACK),
                    new Measured(new BindingReplay(nameServer, "binding, recommended, Message<?> handler",
                            "countMessages", tuning, JSON), Role.BINDING));

            Map<Measured, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
                for (int i = 0; i < paths.size(); i++) {
                    Measured measured = paths.get(i);
                    String group = "bench-replay-" + i + "-" + round + "-" + System.currentTimeMillis();
                    RewindPlan plan = new RewindPlanner(admin).plan(group, TOPIC, middle);
                    ReplayCounter counter = new ReplayCounter(total - plan.messagesToReplay(),
                            plan.messagesToReplay());
                    measured.path().replay(plan, counter);
                    if (counter.outsideRange() > 0) {
                        throw new IllegalStateException(measured.path().label() + ": received "
                                + counter.outsideRange() + " messages stored before the target time");
                    }
                    double rate = counter.messagesPerSecond();
                    out.printf("  round %d %-56s %,10.0f msg/s (%,d ids, %,d duplicates)%n", round,
                            measured.path().label(), rate, counter.count(), counter.duplicates());
                    if (round > 0) {
                        rates.computeIfAbsent(measured, m -> new ArrayList<>()).add(rate);
                    }
                }
            }
            return print(out, rates, total, tuning);
        }
    }

    private static List<SummaryRow> print(PrintStream out, Map<Measured, List<Double>> rates, long messages,
            ReplayTuning tuning) {
        Measured bestRaw = null;
        Measured limit = null;
        Measured sameWork = null;
        Measured withoutBacktrack = null;
        for (Measured measured : rates.keySet()) {
            if (measured.role() == Role.RAW
                    && (bestRaw == null || median(rates.get(measured)) > median(rates.get(bestRaw)))) {
                bestRaw = measured;
            } else if (measured.role() == Role.LIMIT) {
                limit = measured;
            } else if (measured.role() == Role.SAME_WORK) {
                sameWork = measured;
            } else if (measured.role() == Role.WITHOUT_BACKTRACK) {
                withoutBacktrack = measured;
            }
        }
        double raw = median(rates.get(bestRaw));
        out.printf("Replay from the middle of %,d messages x %d bytes, %d queues: messages/s from the first replayed "
                + "message until every id arrived (median of %d rounds after a warm-up round); raw consumers and "
                + "tuned bindings with %d threads and %d messages per pull%n", messages, MESSAGE_BYTES, QUEUES,
                rates.get(bestRaw).size(), tuning.threads(), tuning.pullBatchSize());
        out.printf("%-56s %12s %12s %12s %12s%n", "path", "median", "min", "max", "/ best raw");
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<Measured, List<Double>> entry : rates.entrySet()) {
            List<Double> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            double median = median(sorted);
            String label = entry.getKey().path().label();
            out.printf("%-56s %,12.0f %,12.0f %,12.0f %12.2f%n", label, median, sorted.get(0),
                    sorted.get(sorted.size() - 1), median / raw);
            if (entry.getKey().role() == Role.BINDING) {
                rows.add(new SummaryRow("replay-throughput", label + " / best raw, msg/s",
                        String.format("%,.0f", median), String.format("%,.0f", raw),
                        String.format("%.2f", median / raw)));
            }
        }
        Measured recommendedBinding = rates.keySet().stream()
                .filter(m -> m.path().label().equals("binding, recommended settings")).findFirst().orElseThrow();
        double withBacktrack = median(rates.get(recommendedBinding));
        double without = median(rates.get(withoutBacktrack));
        double parsing = median(rates.get(sameWork));
        out.printf("Backtrack's share: the recommended binding with Backtrack / the same binding without it: %.2f%n",
                withBacktrack / without);
        out.printf("The binder's share: the recommended binding / a raw push consumer that parses each order: %.2f%n",
                withBacktrack / parsing);
        rows.add(new SummaryRow("replay-throughput", "binding, recommended, with Backtrack / without Backtrack, msg/s",
                String.format("%,.0f", withBacktrack), String.format("%,.0f", without),
                String.format("%.2f", withBacktrack / without)));
        rows.add(new SummaryRow("replay-throughput",
                "binding, recommended / raw push consumer parsing each order, msg/s", String.format("%,.0f",
                        withBacktrack), String.format("%,.0f", parsing), String.format("%.2f", withBacktrack / parsing)));
        double readLimit = median(rates.get(limit));
        rows.add(new SummaryRow("replay-throughput", "best raw consumer / broker read limit, msg/s",
                String.format("%,.0f", raw), String.format("%,.0f", readLimit), String.format("%.2f",
                        raw / readLimit)));
        out.println("Best raw consumer: " + bestRaw.path().label());
        out.println("Recommended binding settings: " + tuning.bindingProperties("<binding>"));
        return rows;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A JSON order of exactly {@value #MESSAGE_BYTES} bytes: {@code {"id":<id>,"desc":"<padding(id)>"}}. */
    static byte[] jsonBody(long id) {
        return ("{\"id\":" + id + ",\"desc\":\"" + padding(id) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code desc} that makes the order with {@code id} exactly {@value #MESSAGE_BYTES} bytes of JSON. */
    static String padding(long id) {
        int frame = ("{\"id\":" + id + ",\"desc\":\"\"}").length();
        return "x".repeat(MESSAGE_BYTES - frame);
    }
}
