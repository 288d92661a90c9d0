package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.inplace.InProcessRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.BrokerCoverageCheck;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.test.RecordingConsumer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Time from a rewind request to the first replayed message, for Backtrack's in-process path, for the endpoint's path
 * (plan, coverage check, order over the control topic, acknowledgements) and for RocketMQ's broker-driven reset,
 * measured in the same run on the same embedded broker. A command-line harness: it prints its table on standard
 * output.
 */
public final class RewindLatencyBenchmark {

    private static final String TOPIC = "bench-rewind";
    private static final String GROUP = "bench-rewind-group";
    private static final int MESSAGES = 1_000;
    private static final String CONTROL_TOPIC = "BENCH_REWIND_CONTROL";
    private static final String JOURNAL_TOPIC = "BENCH_REWIND_JOURNAL";

    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

    private RewindLatencyBenchmark() {
    }

    /** Runs with {@code [inProcessRuns [brokerResetRuns]]}, default 5 and 3 (the endpoint path runs as often as in-process). */
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
            try (ControlChannel instance = new ControlChannel(admin, CONTROL_TOPIC);
                    ControlChannel requester = new ControlChannel(admin, CONTROL_TOPIC)) {
                new OrderExecutor(instance, (g, t) -> Optional.of(consumer), "bench-instance");
                instance.warmUp(); // as BacktrackControl does when the application starts
                requester.warmUp();
                awaitCaughtUp(admin);
                long t = storeTimes.get(MESSAGES / 2);
                List<Long> fast = new ArrayList<>();
                List<Stages> fleet = new ArrayList<>();
                List<Long> slow = new ArrayList<>();
                for (int i = 0; i < fastRuns; i++) {
                    fast.add(measure(admin, t, plan -> new InProcessRewinder(admin).apply(plan, consumer)));
                    awaitCaughtUp(admin);
                }
                for (int i = 0; i < fastRuns; i++) {
                    fleet.add(measureEndpointPath(mq.nameServerAddress(), requester, t));
                    awaitCaughtUp(admin);
                }
                for (int i = 0; i < slowRuns; i++) {
                    slow.add(measure(admin, t, plan -> resetThroughBroker(admin, plan)));
                    awaitCaughtUp(admin);
                }
                return print(out, fast, fleet, slow);
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

    /**
     * What the actuator endpoint does for an executed rewind, from the request on: opens an admin connection, plans
     * while it reads the journal, checks broker coverage, rewinds the fleet over the long-lived control channel; then it
     * records the rewind (after the answer, not timed).
     */
    private Stages measureEndpointPath(String nameServer, ControlChannel channel, long timestamp) throws Exception {
        arrivals.clear();
        long start = System.nanoTime();
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(nameServer))) {
            long opened = System.nanoTime();
            // The endpoint reads the journal on a thread of its own while it plans.
            CompletableFuture<List<JournalEntry>> entries = CompletableFuture.supplyAsync(() -> {
                try (RewindJournal journal = new RewindJournal(nameServer, null, JOURNAL_TOPIC)) {
                    return journal.entries();
                }
            }, command -> new Thread(command, "bench-journal-read").start());
            RewindPlan plan = new RewindPlanner(admin).plan(GROUP, TOPIC, timestamp);
            long planned = System.nanoTime();
            new BrokerCoverageCheck(admin, (g, t) -> entries.join()).check(plan);
            long checked = System.nanoTime();
            FleetRewind outcome = new FleetRewinder(admin, channel, Duration.ofSeconds(10)).apply(plan, "benchmark");
            long answered = System.nanoTime();
            if (outcome.applied().path() != RewindPath.IN_PROCESS) {
                throw new IllegalStateException("The endpoint path did not rewind in place: " + outcome.note());
            }
            await(() -> !arrivals.isEmpty(), 120_000, "the first replayed message");
            try (RewindJournal journal = RewindJournal.openForWriting(admin, JOURNAL_TOPIC)) {
                journal.append(JournalEntry.of(JournalKind.REWIND, plan, Long.toString(timestamp),
                        outcome.applied().appliedAt(), "benchmark"));
            }
            return new Stages(millis(start, arrivals.peek()), millis(start, opened), millis(opened, planned),
                    millis(planned, checked), millis(checked, answered));
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static void resetThroughBroker(RocketMqAdmin admin, RewindPlan plan) {
        for (QueueRewind queue : plan.queues()) {
            admin.resetThroughBroker(queue.brokerAddress(), GROUP, new MessageQueue(TOPIC, queue.broker(),
                    queue.queueId()), queue.targetOffset());
        }
    }

    private static List<SummaryRow> print(PrintStream out, List<Long> fast, List<Stages> fleet, List<Long> slow) {
        List<Long> endpoint = fleet.stream().map(Stages::firstMessage).toList();
        long fastMedian = median(fast);
        long endpointMedian = median(endpoint);
        long slowMedian = median(slow);
        out.println("Rewind to the middle of " + MESSAGES + " messages, group online, time to first replayed message");
        out.printf("%-44s %5s %10s %8s %8s%n", "path", "runs", "median ms", "min ms", "max ms");
        row(out, "Backtrack in-process (IN_PROCESS)", fast);
        row(out, "Backtrack endpoint path (plan+check+fleet)", endpoint);
        row(out, "RocketMQ broker reset (baseline)", slow);
        fleet.forEach(run -> out.printf("endpoint path run: first message %d ms; admin %d, plan %d, coverage check %d, "
                + "order to every acknowledgement %d%n", run.firstMessage(), run.admin(), run.plan(), run.check(),
                run.fleet()));
        out.printf("endpoint path stages, median ms: admin %d, plan %d, coverage check %d, order to every "
                + "acknowledgement %d%n", median(fleet.stream().map(Stages::admin).toList()),
                median(fleet.stream().map(Stages::plan).toList()), median(fleet.stream().map(Stages::check).toList()),
                median(fleet.stream().map(Stages::fleet).toList()));
        double ratio = slowMedian / (double) Math.max(1, fastMedian);
        double endpointRatio = slowMedian / (double) Math.max(1, endpointMedian);
        out.printf("ratio baseline / Backtrack: in-process %.1fx, endpoint path %.1fx%n", ratio, endpointRatio);
        return List.of(new SummaryRow("rewind-latency", "ms to first replayed message (in-process vs broker reset)",
                Long.toString(fastMedian), Long.toString(slowMedian), String.format("%.1fx faster", ratio)),
                new SummaryRow("rewind-latency", "ms to first replayed message (endpoint path vs broker reset)",
                        Long.toString(endpointMedian), Long.toString(slowMedian),
                        String.format("%.1fx faster", endpointRatio)));
    }

    private static void row(PrintStream out, String path, List<Long> values) {
        out.printf("%-44s %5d %10d %8d %8d%n", path, values.size(), median(values), Collections.min(values),
                Collections.max(values));
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

    /** One endpoint-path run: request to first replayed message, and the time of each stage before the answer. */
    private record Stages(long firstMessage, long admin, long plan, long check, long fleet) {
    }

    @FunctionalInterface
    private interface RewindAction {
        void rewind(RewindPlan plan) throws Exception;
    }
}
