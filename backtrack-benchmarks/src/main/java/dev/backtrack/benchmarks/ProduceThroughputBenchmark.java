package dev.backtrack.benchmarks;

import dev.backtrack.benchmarks.produce.ProducingApplication;
import dev.backtrack.benchmarks.replay.CountingConsumerApplication.BenchOrder;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Synchronous produce throughput of one thread: a Spring Cloud Stream output binding ({@code sync: true}, as the seed
 * configures it) sending an order object through {@link StreamBridge}, against a raw {@link DefaultMQProducer} sending
 * the same order already serialized (1 KiB of JSON either way), same embedded broker, same run. The binding's payload
 * is an object because this binder writes a {@code byte[]} payload as a base64 JSON string, which is not the same
 * message.
 */
public final class ProduceThroughputBenchmark {

    private static final String TOPIC = "bench-produce";
    private static final String BINDING = "bench-out";
    private static final String ROCKETMQ_PRODUCER = "spring.cloud.stream.rocketmq.bindings." + BINDING + ".producer.";

    /** What is measured. */
    enum Variant {
        RAW("raw DefaultMQProducer.send (sync)"),
        BINDING_DEFAULTS("binding sync, binder defaults"),
        BINDING_NO_TRACE("binding sync, enableMsgTrace=false");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    private ProduceThroughputBenchmark() {
    }

    /** Runs with {@code [messagesPerRun [rounds]]}, default 50,000 messages and 3 counted rounds. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("produce-throughput", args);
        int messages = arguments.count(0, "messages per run", 1, 50_000);
        int rounds = arguments.count(1, "rounds", 1, 3);
        return run(messages, rounds, System.out);
    }

    private static List<SummaryRow> run(int messages, int rounds, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-produce-bench-");
        byte[] body = ReplayThroughputBenchmark.jsonBody(1);
        BenchOrder order = new BenchOrder(1, ReplayThroughputBenchmark.padding(1));
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).build()).start()) {
            mq.createTopic(TOPIC, 8);
            Map<Variant, List<Double>> rates = new EnumMap<>(Variant.class);
            for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
                for (Variant variant : Variant.values()) {
                    double rate = switch (variant) {
                        case RAW -> sendRaw(mq.nameServerAddress(), body, messages);
                        case BINDING_DEFAULTS -> sendThroughBinding(mq.nameServerAddress(), order, messages, true);
                        case BINDING_NO_TRACE -> sendThroughBinding(mq.nameServerAddress(), order, messages, false);
                    };
                    out.printf("  round %d %-42s %,10.0f msg/s%n", round, variant.label, rate);
                    if (round > 0) {
                        rates.computeIfAbsent(variant, v -> new ArrayList<>()).add(rate);
                    }
                }
            }
            return print(out, rates, messages);
        }
    }

    private static List<SummaryRow> print(PrintStream out, Map<Variant, List<Double>> rates, int messages) {
        double raw = median(rates.get(Variant.RAW));
        out.printf("Synchronous sends from one thread, %,d messages of %d bytes per run: messages/s (median of %d "
                + "rounds after a warm-up round)%n", messages, ReplayThroughputBenchmark.MESSAGE_BYTES,
                rates.get(Variant.RAW).size());
        out.printf("%-44s %12s %12s %12s %8s%n", "path", "median", "min", "max", "/ raw");
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<Variant, List<Double>> entry : rates.entrySet()) {
            double median = median(entry.getValue());
            out.printf("%-44s %,12.0f %,12.0f %,12.0f %8.2f%n", entry.getKey().label, median,
                    Collections.min(entry.getValue()), Collections.max(entry.getValue()), median / raw);
            if (entry.getKey() != Variant.RAW) {
                rows.add(new SummaryRow("produce-throughput", entry.getKey().label + ", msg/s",
                        String.format("%,.0f", median), String.format("%,.0f", raw), String.format("%.2f", median / raw)));
            }
        }
        return rows;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double sendRaw(String nameServer, byte[] body, int messages) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-produce-raw");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        try {
            producer.send(new Message(TOPIC, body)); // route lookup outside the timed loop, as for the binding
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (producer.send(new Message(TOPIC, body)).getSendStatus() != SendStatus.SEND_OK) {
                    throw new IllegalStateException("raw send " + i + " was not SEND_OK");
                }
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            producer.shutdown();
        }
    }

    private static double sendThroughBinding(String nameServer, Object payload, int messages, boolean trace) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.stream.bindings." + BINDING + ".destination", TOPIC);
        properties.put("spring.cloud.stream.bindings." + BINDING + ".content-type", "application/json");
        properties.put("spring.cloud.stream.rocketmq.binder.name-server", nameServer);
        properties.put(ROCKETMQ_PRODUCER + "group", "bench-produce-binding");
        properties.put(ROCKETMQ_PRODUCER + "sync", "true");
        if (!trace) {
            properties.put(ROCKETMQ_PRODUCER + "enableMsgTrace", "false");
        }
        properties.put("logging.level.root", "WARN");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducingApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
            StreamBridge bridge = context.getBean(StreamBridge.class);
            send(bridge, payload, 0); // creates the binding and looks the route up outside the timed loop
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                send(bridge, payload, i);
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void send(StreamBridge bridge, Object payload, int i) {
        if (!bridge.send(BINDING, payload)) {
            throw new IllegalStateException("binding send " + i + " was refused");
        }
    }
}
