package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.operation.BatchPlan;
import dev.backtrack.core.operation.BatchRewindOperation;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.snapshot.RestoreOperation;
import dev.backtrack.core.snapshot.RestorePlan;
import dev.backtrack.core.snapshot.Snapshot;
import dev.backtrack.core.snapshot.SnapshotOperation;
import dev.backtrack.core.snapshot.SnapshotRequest;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Many groups at once and kept positions, 5 groups of a topic of 16 queues (8 on each of two brokers, 4 messages a
 * queue, every group offline at the end): the batch rewind by time (plan, then apply) against the same 5 rewinds one
 * group at a time and against RocketMQ's {@code resetOffsetByTimestamp} for 5 groups, in the same round; the snapshot
 * of each group and its restore (plan, then apply) against 5 rewinds to the same offsets given by hand. Every move is
 * read back against its plan's targets. A command-line harness: it prints its table on standard output.
 */
final class BatchBenchmark {

    private static final int GROUPS = 5;
    private static final int QUEUES_PER_BROKER = 8;
    private static final int END = 4; // ScaleBenchmark's messages a queue, where consumeAll commits

    private BatchBenchmark() {
    }

    /** Runs with {@code [rounds]}, default 3 (after a warm-up round). */
    static List<SummaryRow> run(String[] args) throws Exception {
        int rounds = new BenchmarkArguments("batch", args).count(0, "rounds", 1, 3);
        return run(rounds, System.out);
    }

    private static List<SummaryRow> run(int rounds, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-batch-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).brokerCount(2)
                .autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(ScaleBenchmark.settings(mq));
                KeptClusterSession session = new KeptClusterSession(() -> ScaleBenchmark.settings(mq),
                        "BENCH_BATCH_JOURNAL", null, a -> Optional.empty())) {
            DefaultMQAdminExt mqadmin = new DefaultMQAdminExt(30_000);
            mqadmin.setNamesrvAddr(mq.nameServerAddress());
            mqadmin.setInstanceName("bench-batch-mqadmin-" + UUID.randomUUID());
            mqadmin.start();
            try {
                long[][] figures = new long[rounds][];
                List<String> exactness = new ArrayList<>();
                for (int round = -1; round < rounds; round++) {
                    long[] measured = round(mq, admin, session, mqadmin, "r" + (round + 1), exactness);
                    if (round >= 0) {
                        figures[round] = measured;
                    }
                }
                long[] m = new long[figures[0].length];
                for (int i = 0; i < m.length; i++) {
                    long[] column = new long[rounds];
                    for (int r = 0; r < rounds; r++) {
                        column[r] = figures[r][i];
                    }
                    m[i] = ScaleBenchmark.median(column);
                }
                print(out, rounds, m, exactness);
                return List.of(
                        row("ms to plan 5 groups x 16 queues: batch vs one at a time", m[0], m[3]),
                        row("ms to apply 5 groups x 16 queues: batch vs one at a time (plan included)", m[1],
                                m[4]),
                        row("ms to rewind 5 groups x 16 queues: batch (plan + apply) vs mqadmin", m[0] + m[1], m[5]),
                        row("ms to restore 5 snapshots (plan + apply) vs 5 rewinds to the same offsets", m[7] + m[8],
                                m[9]));
            } finally {
                mqadmin.shutdown();
            }
        }
    }

    /**
     * One round on topics of its own: {batch plan, batch apply, unused, single plans, single runs, mqadmin resets,
     * snapshots, restore plans, restore applies, single rewinds to offsets}, in milliseconds.
     */
    private static long[] round(EmbeddedRocketMq mq, RocketMqAdmin admin, KeptClusterSession session,
            DefaultMQAdminExt mqadmin, String round, List<String> exactness) throws Exception {
        String batchTopic = "bench-batch-" + round;
        String singleTopic = "bench-batch-single-" + round;
        long batchTime = topic(mq, admin, batchTopic);
        long singleTime = topic(mq, admin, singleTopic);
        List<String> batchGroups = groups(admin, batchTopic, "bench-batch-" + round + "-g");
        List<String> singleGroups = groups(admin, singleTopic, "bench-batch-" + round + "-single-g");
        List<String> mqadminGroups = groups(admin, singleTopic, "bench-batch-" + round + "-mqadmin-g");
        RewindOperation rewinds = new RewindOperation(session, OperationObserver.NONE);
        long[] m = new long[10];

        SnapshotOperation snapshots = new SnapshotOperation(session, admin);
        List<Snapshot> kept = new ArrayList<>();
        m[6] = millis(() -> batchGroups.forEach(group -> kept.add(snapshots.take(new SnapshotRequest(group,
                List.of(batchTopic), null, "bench")))));

        BatchRewindOperation batch = new BatchRewindOperation(session, new RewindTargets(admin),
                OperationObserver.NONE);
        BatchRewindRequest request = new BatchRewindRequest(new BatchRewindRequest.AllGroupsOf(batchTopic),
                new PositionRequest.AtTime(batchTime, Long.toString(batchTime)), false, false, "bench",
                "--allow-partial", "--skip-refused", SendRate.UNLIMITED);
        BatchPlan[] plan = new BatchPlan[1];
        m[0] = millis(() -> plan[0] = batch.plan(request));
        if (plan[0].groups().size() != GROUPS || plan[0].queues() != GROUPS * 2 * QUEUES_PER_BROKER) {
            throw new IllegalStateException("The batch plan holds " + plan[0].groups() + " and " + plan[0].queues()
                    + " queues");
        }
        m[1] = millis(() -> batch.apply(plan[0]));
        for (CheckedPlan pair : plan[0].planned()) {
            exactness.add(round + " batch " + pair.plan().group() + ": " + ScaleBenchmark.exactness(admin,
                    pair.plan().group(), ScaleBenchmark.targets(pair.plan())));
        }

        PositionRequest singlePosition = new PositionRequest.AtTime(singleTime, Long.toString(singleTime));
        m[3] = millis(() -> singleGroups.forEach(group -> rewinds.plan(group, singleTopic, singlePosition,
                Set.of())));
        Map<MessageQueue, Long> singleTargets = ScaleBenchmark.targets(rewinds.plan(singleGroups.get(0), singleTopic,
                singlePosition, Set.of()).plan());
        m[4] = millis(() -> singleGroups.forEach(group -> rewinds.run(new RewindRequest(group, singleTopic,
                singlePosition, Set.of(), false, false, "bench", "--allow-partial"))));
        m[5] = millis(() -> mqadminGroups.forEach(group -> {
            try {
                mqadmin.resetOffsetByTimestamp(singleTopic, group, singleTime, true);
            } catch (Exception e) {
                throw new IllegalStateException("mqadmin's reset of " + group + " failed: " + e, e);
            }
        }));
        for (String group : singleGroups) {
            exactness.add(round + " one at a time " + group + ": " + ScaleBenchmark.exactness(admin, group,
                    singleTargets));
        }
        for (String group : mqadminGroups) {
            exactness.add(round + " mqadmin " + group + ": " + ScaleBenchmark.exactness(admin, group,
                    singleTargets));
        }

        RestoreOperation restores = new RestoreOperation(session, OperationObserver.NONE);
        List<RestorePlan> restorePlans = new ArrayList<>();
        m[7] = millis(() -> kept.forEach(snapshot -> restorePlans.add(restores.plan(snapshot.batch(),
                snapshot.group()))));
        m[8] = millis(() -> restorePlans.forEach(restore -> restores.apply(restore, "bench", false,
                "--allow-partial")));
        Map<MessageQueue, Long> ends = ends(admin, batchTopic);
        for (String group : batchGroups) {
            exactness.add(round + " restore " + group + ": " + ScaleBenchmark.exactness(admin, group, ends));
        }
        TreeMap<QueueRef, Long> byHand = new TreeMap<>();
        ends(admin, singleTopic).forEach((queue, end) -> byHand.put(new QueueRef(queue.getBrokerName(),
                queue.getQueueId()), end));
        m[9] = millis(() -> singleGroups.forEach(group -> rewinds.run(new RewindRequest(group, singleTopic,
                new PositionRequest.ToOffsets(byHand), Set.of(), false, false, "bench", "--allow-partial"))));
        return m;
    }

    /** A new topic of 8 queues on each broker, filled; returns a time between every queue's second and third. */
    private static long topic(EmbeddedRocketMq mq, RocketMqAdmin admin, String topic) throws Exception {
        mq.createTopic(topic, QUEUES_PER_BROKER);
        long time = ScaleBenchmark.fill(mq.nameServerAddress(), topic, QUEUES_PER_BROKER);
        TopicFiller.awaitIndexed(admin, topic, END);
        return time;
    }

    /** {@value #GROUPS} offline groups that consumed every message of the topic. */
    private static List<String> groups(RocketMqAdmin admin, String topic, String prefix) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(prefix + i);
            ScaleBenchmark.consumeAll(admin, topic, groups.get(i));
        }
        return groups;
    }

    private static Map<MessageQueue, Long> ends(RocketMqAdmin admin, String topic) {
        Map<MessageQueue, Long> ends = new TreeMap<>();
        admin.queues(topic).forEach(q -> ends.put(q.queue(), (long) END));
        return ends;
    }

    private static long millis(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static SummaryRow row(String measure, long ours, long baseline) {
        return new SummaryRow("batch", measure, Long.toString(ours), Long.toString(baseline),
                String.format("%.2f", ours / (double) baseline));
    }

    private static void print(PrintStream out, int rounds, long[] m, List<String> exactness) {
        out.println();
        out.println("5 offline groups x 16 queues on 2 brokers (medians of " + rounds + " rounds after a warm-up), ms:");
        out.printf("  batch rewind by time: plan %d, apply %d; one group at a time: plans %d, rewinds (plan + apply) "
                + "%d; mqadmin resetOffsetByTimestamp x5: %d%n", m[0], m[1], m[3], m[4], m[5]);
        out.printf("  snapshots x5: %d; restores x5: plan %d, apply %d; rewinds to the same offsets x5: %d%n", m[6],
                m[7], m[8], m[9]);
        exactness.stream().filter(line -> !line.contains(": exact (")).forEach(line -> out.println("  " + line));
        out.println("  every move read back: " + exactness.stream().filter(l -> l.contains(": exact (")).count()
                + " of " + exactness.size() + " exact");
    }
}
