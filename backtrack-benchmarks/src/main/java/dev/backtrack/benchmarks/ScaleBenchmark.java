package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.jspecify.annotations.Nullable;

/**
 * A plan and a rewind by time as a topic's queues grow from 16 to 1,024 per broker on two brokers, against
 * RocketMQ's own reset by time ({@code mqadmin resetOffsetByTime}: {@link DefaultMQAdminExt#resetOffsetByTimestamp})
 * in the same run. Each queue holds 4 messages; the group has consumed them all and is offline; the time is that of
 * the third message of every queue, so that every queue moves back by two. Every rewind (ours and RocketMQ's) is read
 * back queue by queue against the plan's targets. A command-line harness: it prints its table on standard output.
 */
public final class ScaleBenchmark {

    private static final String GROUP = "bench-scale-group";
    private static final int PER_QUEUE = 4;
    private static final List<String> BROKERS = List.of("broker-a", "broker-b");

    private ScaleBenchmark() {
    }

    /** Runs with {@code [queuesPerBroker ...]}, default 16 256 1024. */
    static List<SummaryRow> run(String[] args) throws Exception {
        return run(CostBySize.sizes("scale", "queues per broker", args, List.of(16, 256, 1024)), 3, System.out);
    }

    private static List<SummaryRow> run(List<Integer> sizes, int rounds, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-scale-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).brokerCount(2)
                .commitLogFileSize(128 * 1024 * 1024).autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(settings(mq));
                KeptClusterSession session = new KeptClusterSession(() -> settings(mq), "BENCH_SCALE_JOURNAL", null,
                        a -> Optional.empty())) {
            DefaultMQAdminExt mqadmin = new DefaultMQAdminExt(30_000);
            mqadmin.setNamesrvAddr(mq.nameServerAddress());
            mqadmin.setInstanceName("bench-scale-mqadmin-" + UUID.randomUUID());
            mqadmin.start();
            ScaleProcesses processes = ScaleProcesses.prepare(mq.nameServerAddress(), store.resolve("processes"));
            ScaleConsole console = ScaleConsole.start(processes.project(), mq.nameServerAddress(),
                    store.resolve("console"));
            try {
                List<long[]> rows = new ArrayList<>();
                List<String> exactness = new ArrayList<>();
                printHeader(out, rounds, processes.cli(), console != null);
                for (int size : sizes) {
                    String topic = "bench-scale-" + size;
                    mq.createTopic(topic, size);
                    long time = fill(mq.nameServerAddress(), topic, size);
                    TopicFiller.awaitIndexed(admin, topic, PER_QUEUE);
                    rows.add(measure(admin, session, mqadmin, processes, console, topic, size, time, rounds,
                            exactness));
                    printRow(out, rows.get(rows.size() - 1));
                }
                exactness.forEach(line -> out.println("  " + line));
                List<SummaryRow> summary = new ArrayList<>();
                for (long[] row : rows) {
                    summary.add(new SummaryRow("scale", String.format("ms per rewind in process, %,d queues",
                            row[0] * 2), Long.toString(row[2]), Long.toString(row[3]),
                            String.format("%.2f", row[2] / (double) row[3])));
                    summary.add(new SummaryRow("scale", String.format("ms per console plan over HTTP vs in process, "
                            + "%,d queues", row[0] * 2), Long.toString(row[7]), Long.toString(row[1]),
                            String.format("%.2f", row[7] / (double) row[1])));
                    summary.add(new SummaryRow("scale", String.format("ms per CLI rewind vs mqadmin, %,d queues",
                            row[0] * 2), Long.toString(row[5]), Long.toString(row[6]),
                            String.format("%.2f", row[5] / (double) row[6])));
                }
                return summary;
            } finally {
                mqadmin.shutdown();
                if (console != null) {
                    console.close();
                }
            }
        }
    }

    /**
     * {queues per broker, plan ms, rewind ms, mqadmin ms, CLI plan ms, CLI rewind ms, mqadmin process ms, console plan
     * ms}: medians of {@code rounds}, after a warm-up round; the CLI's and the console's figures are -1 when they are
     * not built.
     */
    private static long[] measure(RocketMqAdmin admin, KeptClusterSession session, DefaultMQAdminExt mqadmin,
            ScaleProcesses processes, @Nullable ScaleConsole console, String topic, int size, long time, int rounds,
            List<String> exactness) throws Exception {
        RewindOperation operation = new RewindOperation(session, OperationObserver.NONE);
        PositionRequest position = new PositionRequest.AtTime(time, Long.toString(time));
        long[] plans = new long[rounds];
        long[] rewinds = new long[rounds];
        long[] resets = new long[rounds];
        long[] cliPlans = new long[rounds];
        long[] cliRewinds = new long[rounds];
        long[] processResets = new long[rounds];
        long[] consolePlans = new long[rounds];
        for (int round = -1; round < rounds; round++) {
            // Fresh groups each time: a broker-driven reset stays pending on an offline group and would turn later
            // direct writes into resets.
            String ourGroup = GROUP + "-" + size + "-" + (round + 1);
            String theirGroup = GROUP + "-mqadmin-" + size + "-" + (round + 1);
            consumeAll(admin, topic, ourGroup);
            long started = System.nanoTime();
            RewindPlan plan = operation.plan(ourGroup, topic, position, Set.of()).plan();
            long planned = System.nanoTime() - started;
            Map<MessageQueue, Long> targets = targets(plan);
            started = System.nanoTime();
            operation.run(new RewindRequest(ourGroup, topic, position, Set.of(), false, false, "bench",
                    "--allow-partial"));
            long rewound = System.nanoTime() - started;
            String ours = exactness(admin, ourGroup, targets);
            consumeAll(admin, topic, theirGroup);
            started = System.nanoTime();
            mqadmin.resetOffsetByTimestamp(topic, theirGroup, time, true);
            long reset = System.nanoTime() - started;
            String theirs = exactness(admin, theirGroup, targets);
            String cliGroup = GROUP + "-cli-" + size + "-" + (round + 1);
            String processGroup = GROUP + "-mqadmin-process-" + size + "-" + (round + 1);
            long cliPlan = -1;
            long cliRewind = -1;
            String cli = "not built";
            long consolePlan = -1;
            String consoleTargets = "not built";
            if (processes.cli()) {
                consumeAll(admin, topic, cliGroup);
                if (console != null) {
                    ScaleConsole.TimedPlan overHttp = console.plan(cliGroup, topic, time);
                    consolePlan = overHttp.millis();
                    consoleTargets = overHttp.targets().equals(targets) ? "the same"
                            : "NOT THE SAME (" + overHttp.targets().size() + " queues)";
                }
                cliPlan = processes.plan(cliGroup, topic, time);
                cliRewind = processes.rewind(cliGroup, topic, time);
                cli = exactness(admin, cliGroup, targets);
            }
            consumeAll(admin, topic, processGroup);
            long processReset = processes.mqadmin(processGroup, topic, time);
            String process = exactness(admin, processGroup, targets);
            if (round >= 0) {
                plans[round] = planned / 1_000_000;
                rewinds[round] = rewound / 1_000_000;
                resets[round] = reset / 1_000_000;
                cliPlans[round] = cliPlan;
                cliRewinds[round] = cliRewind;
                processResets[round] = processReset;
                consolePlans[round] = consolePlan;
                exactness.add(String.format("%,d queues, round %d: rewind %s; mqadmin %s; CLI rewind %s; mqadmin "
                        + "process %s; console plan's targets %s", size * 2, round + 1, ours, theirs, cli, process,
                        consoleTargets));
            }
        }
        return new long[] {size, median(plans), median(rewinds), median(resets), median(cliPlans),
            median(cliRewinds), median(processResets), median(consolePlans)};
    }

    /**
     * Sends {@value #PER_QUEUE} messages to every queue of the topic on both brokers and returns a time between the
     * second and the third message of every queue.
     */
    static long fill(String nameServer, String topic, int queuesPerBroker) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-scale-filler");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(30_000);
        producer.start();
        try {
            sendRound(producer, topic, queuesPerBroker, 0);
            Thread.sleep(20);
            long time = System.currentTimeMillis();
            Thread.sleep(20);
            sendRound(producer, topic, queuesPerBroker, 2);
            return time;
        } finally {
            producer.shutdown();
        }
    }

    private static void sendRound(DefaultMQProducer producer, String topic, int queuesPerBroker, int first)
            throws Exception {
        for (String broker : BROKERS) {
            for (int queueId = 0; queueId < queuesPerBroker; queueId++) {
                List<Message> batch = new ArrayList<>();
                for (int i = first; i < first + PER_QUEUE / 2; i++) {
                    batch.add(new Message(topic, (broker + "/" + queueId + "/" + i).getBytes(StandardCharsets.UTF_8)));
                }
                producer.send(batch, new MessageQueue(topic, broker, queueId));
            }
        }
    }

    /** The group, offline, committed at the end of every queue: it has consumed everything. */
    static void consumeAll(RocketMqAdmin admin, String topic, String group) {
        List<QueueAddress> queues = admin.queues(topic);
        queues.stream().map(QueueAddress::brokerAddress).distinct().forEach(a -> admin.ensureGroup(a, group));
        Map<QueueAddress, Long> ends = new HashMap<>();
        queues.forEach(q -> ends.put(q, (long) PER_QUEUE));
        admin.writeOffsets(group, ends); // a broker's first writes of a group, side by side, can lose all but one
    }

    static Map<MessageQueue, Long> targets(RewindPlan plan) {
        Map<MessageQueue, Long> targets = new HashMap<>();
        for (QueueRewind queue : plan.queues()) {
            targets.put(new MessageQueue(plan.topic(), queue.broker(), queue.queueId()), queue.targetOffset());
        }
        return targets;
    }

    /** "exact (n of n)" when every queue's committed offset read back is the plan's target; else the count that is. */
    static String exactness(RocketMqAdmin admin, String group, Map<MessageQueue, Long> targets) {
        Map<MessageQueue, OffsetWrapper> read = admin.consumeOffsets(group);
        List<String> wrong = targets.entrySet().stream().filter(t -> !read.containsKey(t.getKey())
                || read.get(t.getKey()).getConsumerOffset() != t.getValue()).map(t -> t.getKey().getBrokerName() + "/"
                        + t.getKey().getQueueId() + " at " + (read.containsKey(t.getKey())
                                ? read.get(t.getKey()).getConsumerOffset() : "none") + ", planned " + t.getValue())
                .toList();
        long exact = targets.size() - wrong.size();
        return (wrong.isEmpty() ? "exact" : "NOT EXACT") + " (" + exact + " of " + targets.size()
                + (wrong.isEmpty() ? "" : "; " + String.join(", ", wrong)) + ")";
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A generous request timeout: the machine is small and the brokers share the benchmark's process. */
    static AdminSettings settings(EmbeddedRocketMq mq) {
        return new AdminSettings(mq.nameServerAddress(), null, null, Duration.ofSeconds(30));
    }

    private static void printHeader(PrintStream out, int rounds, boolean cli, boolean console) {
        out.println();
        out.println("Plan and rewind by time on 2 brokers, " + PER_QUEUE + " messages a queue, offline group (median of "
                + rounds + " rounds after a warm-up round). In process: RewindOperation on a kept session against "
                + "DefaultMQAdminExt.resetOffsetByTimestamp; as processes: bin/backtrack plan and rewind --yes --json"
                + (cli ? "" : " (not built: -1)") + " against mqadmin resetOffsetByTime (MQAdminStartup); the "
                + "stand-alone console's plan over HTTP, POST /backtrack-console/api/plan" + (console ? ""
                        : " (not built: -1)"));
        out.printf("%8s | %8s %9s %8s %8s | %8s %9s %8s %8s | %8s%n", "queues", "plan ms", "rewind ms", "mqadmin",
                "ratio", "CLI plan", "CLI rewind", "mqadmin", "ratio", "console plan");
    }

    private static void printRow(PrintStream out, long[] row) {
        out.printf("%,8d | %8d %9d %8d %8.2f | %8d %9d %8d %8.2f | %8d%n", row[0] * 2, row[1], row[2], row[3],
                row[2] / (double) row[3], row[4], row[5], row[6], row[5] / (double) row[6], row[7]);
        out.flush();
    }
}
