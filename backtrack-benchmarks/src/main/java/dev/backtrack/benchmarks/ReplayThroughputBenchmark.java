package dev.backtrack.benchmarks;

import dev.backtrack.benchmarks.replay.CountingConsumerApplication;
import dev.backtrack.benchmarks.replay.ReplayCounter;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindApplier;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replay throughput after a rewind to the middle of a topic: a Spring Cloud Stream binding with the Backtrack starter
 * against a raw {@link DefaultLitePullConsumer}, both only counting, on the same embedded broker in the same run.
 */
public final class ReplayThroughputBenchmark {

    static final String TOPIC = "bench-replay";
    static final int QUEUES = 8;
    static final int MESSAGE_BYTES = 1024;
    private static final int STALL_SECONDS = 60;
    private static final String BINDING_PREFIX = "spring.cloud.stream.bindings.";
    private static final String ROCKETMQ_PREFIX = "spring.cloud.stream.rocketmq.bindings.";

    /**
     * The binding settings BENCHMARKS.md recommends for replaying a backlog: more consume threads than the binder's
     * single default thread, failures redelivered by RocketMQ instead of retried in the consume thread, RocketMQ's own
     * pull batch instead of the binder's 10, and no per-message trace records.
     */
    static final Map<String, String> RECOMMENDED = recommended();

    /** What is measured. */
    enum Variant {
        RAW("raw DefaultLitePullConsumer (defaults)", null, false),
        BINDING_DEFAULTS("binding, binder defaults", "countOrders", false),
        BINDING_RECOMMENDED("binding, recommended settings", "countOrders", true),
        BINDING_RECOMMENDED_MESSAGE("binding, recommended, Message<?> handler", "countMessages", true);

        final String label;
        final String function;
        final boolean recommended;

        Variant(String label, String function, boolean recommended) {
            this.label = label;
            this.function = function;
            this.recommended = recommended;
        }
    }

    private ReplayThroughputBenchmark() {
    }

    /** Runs with {@code [messages [rounds]]}, default 1,000,000 messages and 3 counted rounds. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("replay-throughput", args);
        int messages = arguments.count(0, "messages", QUEUES * 2, 1_000_000);
        int rounds = arguments.count(1, "rounds", 1, 3);
        return run(messages, rounds, System.out);
    }

    private static List<SummaryRow> run(int messages, int rounds, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-replay-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            mq.createTopic(TOPIC, QUEUES);
            int perQueue = messages / QUEUES;
            out.printf("Filling %s with %,d messages of %d bytes...%n", TOPIC, perQueue * QUEUES, MESSAGE_BYTES);
            long middle = new TopicFiller(mq.nameServerAddress(), 256).fill(TOPIC, QUEUES, perQueue,
                    ReplayThroughputBenchmark::jsonBody);
            TopicFiller.awaitIndexed(admin, TOPIC, perQueue);

            Map<Variant, List<Double>> rates = new EnumMap<>(Variant.class);
            for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
                for (Variant variant : Variant.values()) {
                    String group = "bench-replay-" + variant.name().toLowerCase().replace('_', '-') + "-" + round;
                    RewindPlan plan = new RewindPlanner(admin).plan(group, TOPIC, middle);
                    double rate = variant == Variant.RAW
                            ? replayRaw(admin, mq.nameServerAddress(), plan)
                            : replayThroughBinding(variant, mq.nameServerAddress(), plan);
                    out.printf("  round %d %-40s %,10.0f msg/s (%,d messages)%n", round, variant.label, rate,
                            plan.messagesToReplay());
                    if (round > 0) {
                        rates.computeIfAbsent(variant, v -> new ArrayList<>()).add(rate);
                    }
                }
            }
            return print(out, rates, perQueue * QUEUES);
        }
    }

    private static List<SummaryRow> print(PrintStream out, Map<Variant, List<Double>> rates, int messages) {
        double raw = median(rates.get(Variant.RAW));
        out.printf("Replay from the middle of %,d messages x %d bytes, %d queues: messages/s from the first replayed "
                + "message until caught up (median of %d rounds after a warm-up round)%n", messages, MESSAGE_BYTES,
                QUEUES, rates.get(Variant.RAW).size());
        out.printf("%-42s %12s %12s %12s %8s%n", "path", "median", "min", "max", "/ raw");
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<Variant, List<Double>> entry : rates.entrySet()) {
            List<Double> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            double median = median(sorted);
            out.printf("%-42s %,12.0f %,12.0f %,12.0f %8.2f%n", entry.getKey().label, median, sorted.get(0),
                    sorted.get(sorted.size() - 1), median / raw);
            if (entry.getKey() != Variant.RAW) {
                rows.add(new SummaryRow("replay-throughput", entry.getKey().label + ", msg/s",
                        String.format("%,.0f", median), String.format("%,.0f", raw), String.format("%.2f", median / raw)));
            }
        }
        out.println("Recommended binding settings: " + RECOMMENDED);
        return rows;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Positions the group with the core applier, then counts what a lite pull consumer polls until caught up. */
    private static double replayRaw(RocketMqAdmin admin, String nameServer, RewindPlan plan) throws Exception {
        new RewindApplier(admin).apply(plan);
        ReplayCounter counter = new ReplayCounter(plan.messagesToReplay());
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(plan.group());
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.subscribe(TOPIC, "*");
        consumer.start();
        try {
            long lastCount = 0;
            long lastProgress = System.nanoTime();
            while (counter.count() < plan.messagesToReplay()) {
                counter.record(consumer.poll(1_000).size());
                if (counter.count() > lastCount) {
                    lastCount = counter.count();
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                    throw stalled(Variant.RAW.label, counter, plan.messagesToReplay());
                }
            }
            return counter.messagesPerSecond();
        } finally {
            consumer.shutdown();
        }
    }

    /** Starts a counting Spring Cloud Stream application whose binding the starter positions at the plan's time. */
    private static double replayThroughBinding(Variant variant, String nameServer, RewindPlan plan) throws Exception {
        ReplayCounter counter = new ReplayCounter(plan.messagesToReplay());
        String binding = variant.function + "-in-0";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.function.definition", variant.function);
        properties.put(BINDING_PREFIX + binding + ".destination", TOPIC);
        properties.put(BINDING_PREFIX + binding + ".group", plan.group());
        properties.put(BINDING_PREFIX + binding + ".content-type", "application/json");
        properties.put("spring.cloud.stream.rocketmq.binder.name-server", nameServer);
        properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeFromWhere", "CONSUME_FROM_TIMESTAMP");
        properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeTimestamp",
                Long.toString(plan.requestedTimestamp()));
        if (variant.recommended) {
            RECOMMENDED.forEach((key, value) -> properties.put(key.replace("<binding>", binding), value));
        }
        properties.put("logging.level.root", "WARN");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CountingConsumerApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("replayCounter", counter))
                .run(args)) {
            awaitCaughtUp(counter, variant.label, plan.messagesToReplay());
            return counter.messagesPerSecond();
        }
    }

    /** Waits while messages keep arriving; fails when none arrived for {@value #STALL_SECONDS} s. */
    private static void awaitCaughtUp(ReplayCounter counter, String label, long expected) throws InterruptedException {
        long lastCount = -1;
        while (!counter.awaitCaughtUp(STALL_SECONDS, TimeUnit.SECONDS)) {
            if (counter.count() == lastCount) {
                throw stalled(label, counter, expected);
            }
            lastCount = counter.count();
        }
    }

    private static IllegalStateException stalled(String label, ReplayCounter counter, long expected) {
        return new IllegalStateException(label + ": no message for " + STALL_SECONDS + " s after " + counter.count()
                + " of " + expected + " replayed messages; see backtrack-benchmarks.log");
    }

    private static Map<String, String> recommended() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BINDING_PREFIX + "<binding>.consumer.concurrency", "4");
        settings.put(BINDING_PREFIX + "<binding>.consumer.max-attempts", "1");
        settings.put(ROCKETMQ_PREFIX + "<binding>.consumer.pullBatchSize", "32");
        settings.put(ROCKETMQ_PREFIX + "<binding>.consumer.enableMsgTrace", "false");
        return Collections.unmodifiableMap(settings);
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
