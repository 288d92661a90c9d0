package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.inplace.InProcessRewinder;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.test.RecordingConsumer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Time from a rewind request to the first replayed message, for Backtrack's in-process path and for RocketMQ's
 * broker-driven reset, measured in the same run on the same embedded broker. A command-line harness: it prints its
 * table on standard output.
 */
public final class RewindLatencyBenchmark {

    private static final String TOPIC = "bench-rewind";
    private static final String GROUP = "bench-rewind-group";
    private static final int MESSAGES = 1_000;

    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

    private RewindLatencyBenchmark() {
    }

    /** Runs with {@code [inProcessRuns [brokerResetRuns]]}, default 5 and 3. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("rewind-latency", args);
        int fastRuns = arguments.count(0, "in-process runs", 1, 5);
        int slowRuns = arguments.count(1, "broker-reset runs", 1, 3);
        return new RewindLatencyBenchmark().run(fastRuns, slowRuns, System.out);
    }

    private List<SummaryRow> run(int fastRuns, int slowRuns, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            mq.createTopic(TOPIC, 4);
            List<Long> storeTimes = produce(mq);
            DefaultMQPushConsumer consumer = consumer(mq.nameServerAddress());
            try {
                awaitCaughtUp(admin);
                long t = storeTimes.get(MESSAGES / 2);
                List<Long> fast = new ArrayList<>();
                List<Long> slow = new ArrayList<>();
                for (int i = 0; i < fastRuns; i++) {
                    fast.add(measure(admin, t, plan -> new InProcessRewinder(admin).apply(plan, consumer)));
                    awaitCaughtUp(admin);
                }
                for (int i = 0; i < slowRuns; i++) {
                    slow.add(measure(admin, t, plan -> resetThroughBroker(admin, plan)));
                    awaitCaughtUp(admin);
                }
                return print(out, fast, slow);
            } finally {
                consumer.shutdown();
            }
        }
    }

    private long measure(RocketMqAdmin admin, long timestamp, RewindAction action) throws Exception {
        RewindPlan plan = new RewindPlanner(admin).plan(GROUP, TOPIC, timestamp);
        arrivals.clear();
        long start = System.nanoTime();
        action.rewind(plan);
        await(() -> !arrivals.isEmpty(), 120_000, "the first replayed message");
        return (arrivals.peek() - start) / 1_000_000;
    }

    private static void resetThroughBroker(RocketMqAdmin admin, RewindPlan plan) {
        for (QueueRewind queue : plan.queues()) {
            admin.resetThroughBroker(queue.brokerAddress(), GROUP, new MessageQueue(TOPIC, queue.broker(),
                    queue.queueId()), queue.targetOffset());
        }
    }

    private static List<SummaryRow> print(PrintStream out, List<Long> fast, List<Long> slow) {
        long fastMedian = median(fast);
        long slowMedian = median(slow);
        out.println("Rewind to the middle of " + MESSAGES + " messages, group online, time to first replayed message");
        out.printf("%-34s %5s %10s %8s %8s%n", "path", "runs", "median ms", "min ms", "max ms");
        out.printf("%-34s %5d %10d %8d %8d%n", "Backtrack in-process (IN_PROCESS)", fast.size(), fastMedian,
                Collections.min(fast), Collections.max(fast));
        out.printf("%-34s %5d %10d %8d %8d%n", "RocketMQ broker reset (baseline)", slow.size(), slowMedian,
                Collections.min(slow), Collections.max(slow));
        double ratio = slowMedian / (double) Math.max(1, fastMedian);
        out.printf("ratio baseline / Backtrack: %.1fx%n", ratio);
        return List.of(new SummaryRow("rewind-latency", "ms to first replayed message (in-process vs broker reset)",
                Long.toString(fastMedian), Long.toString(slowMedian), String.format("%.1fx faster", ratio)));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> produce(EmbeddedRocketMq mq) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-producer");
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        List<SendResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                results.add(producer.send(new Message(TOPIC, ("m-" + i).getBytes(StandardCharsets.UTF_8))));
            }
        } finally {
            producer.shutdown();
        }
        var store = mq.brokers().get(0).controller().getMessageStore();
        await(() -> results.stream().allMatch(r -> storeTime(store, r) > 0), 30_000, "messages to be indexed");
        List<Long> times = new ArrayList<>();
        for (SendResult r : results) {
            times.add(storeTime(store, r));
        }
        return times;
    }

    private static long storeTime(org.apache.rocketmq.store.MessageStore store, SendResult r) {
        try {
            return store.getMessageStoreTimeStamp(TOPIC, r.getMessageQueue().getQueueId(), r.getQueueOffset());
        } catch (Exception e) {
            return -1;
        }
    }

    private DefaultMQPushConsumer consumer(String nameServer) {
        return RecordingConsumer.on(nameServer, GROUP, TOPIC)
                .onMessage(message -> arrivals.add(System.nanoTime()))
                .start()
                .consumer();
    }

    private static void awaitCaughtUp(RocketMqAdmin admin) throws InterruptedException {
        await(() -> new OffsetsReader(admin).read(GROUP, TOPIC).stream().mapToLong(QueueOffsets::lag).sum() == 0,
                120_000, "the consumer to catch up");
    }

    private static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    private interface RewindAction {
        void rewind(RewindPlan plan) throws Exception;
    }
}
