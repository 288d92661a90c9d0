package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowReplayer;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.test.RecordingConsumer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Window replay of N messages to an online group (plan, re-publish into its retry topic, delivery to its listener)
 * against a plain push consumer of a new group reading the same window from the topic, in the same run on the same
 * embedded broker. A command-line harness: it prints its table on standard output.
 */
public final class WindowReplayBenchmark {

    private static final int QUEUES = 4;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private WindowReplayBenchmark() {
    }

    /** Runs with {@code [messages [rounds]]}, default 20000 3. */
    static List<SummaryRow> run(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments("window-replay", args);
        return run(arguments.count(0, "messages", QUEUES, 20_000), arguments.count(1, "rounds", 1, 3), System.out);
    }

    private static List<SummaryRow> run(int messages, int rounds, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-window-bench-");
        int perQueue = messages / QUEUES;
        int total = perQueue * QUEUES;
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            String topic = "bench-window";
            mq.createTopic(topic, QUEUES);
            long from = System.currentTimeMillis() - 1;
            new TopicFiller(mq.nameServerAddress(), 500).fill(topic, QUEUES, perQueue,
                    sequence -> ("m-" + sequence).getBytes(StandardCharsets.UTF_8));
            TopicFiller.awaitIndexed(admin, topic, perQueue);
            long until = System.currentTimeMillis() + 1;
            long[] plain = new long[rounds];
            long[] replay = new long[rounds];
            String[] phases = new String[rounds];
            for (int round = 0; round < rounds; round++) {
                // baseline: a new group reads the window from the topic
                long start = System.nanoTime();
                try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(),
                        "bench-plain-" + round, topic)) {
                    consumer.awaitCount(total, PATIENCE);
                    plain[round] = System.nanoTime() - start;
                }
                // ours: an online group, caught up, gets the window again through its retry topic
                String group = "bench-window-" + round;
                admin.ensureTopic("%RETRY%" + group, 1);
                try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                        .labelledBy(m -> "x").start()) {
                    consumer.awaitDeliveries(total, PATIENCE);
                    int before = consumer.deliveries();
                    start = System.nanoTime();
                    WindowPlan plan = new WindowPlanner(admin).plan(new ReplayWindow(group, topic, from, until),
                            GivenTags.option(null));
                    long planned = System.nanoTime();
                    new WindowReplayer(admin).replay(plan);
                    long sent = System.nanoTime();
                    consumer.awaitDeliveries(before + total, PATIENCE);
                    replay[round] = System.nanoTime() - start;
                    phases[round] = String.format("plan %d ms, send %d ms, last delivery %d ms later",
                            (planned - start) / 1_000_000, (sent - planned) / 1_000_000,
                            (System.nanoTime() - sent) / 1_000_000);
                }
            }
            out.println("Window replay of " + total + " messages (" + QUEUES + " queues) vs a plain consumer reading "
                    + "the same window; msgs/s per round");
            out.printf("%6s %14s %14s %8s  %s%n", "round", "plain msgs/s", "replay msgs/s", "ratio", "replay phases");
            double sumPlain = 0;
            double sumReplay = 0;
            for (int round = 0; round < rounds; round++) {
                double p = total / (plain[round] / 1e9);
                double r = total / (replay[round] / 1e9);
                sumPlain += p;
                sumReplay += r;
                out.printf("%6d %14.0f %14.0f %8.2f  %s%n", round + 1, p, r, r / p, phases[round]);
            }
            double meanPlain = sumPlain / rounds;
            double meanReplay = sumReplay / rounds;
            out.printf("mean %16.0f %14.0f %8.2f%n", meanPlain, meanReplay, meanReplay / meanPlain);
            return List.of(new SummaryRow("window-replay", "msgs/s, window of " + total + " replayed vs read",
                    String.format("%.0f", meanReplay), String.format("%.0f", meanPlain),
                    String.format("%.2f", meanReplay / meanPlain)));
        }
    }
}
