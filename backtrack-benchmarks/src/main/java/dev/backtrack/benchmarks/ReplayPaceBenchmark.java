package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.ReplayedMessages;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowReplayer;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paced window replay ({@code --rate}): a window of {@code rate x seconds} messages replayed at {@code rate} to an
 * online group that has consumed it, on one embedded broker; the rate its listener observes (replayed copies between
 * the first and the last delivery) against the rate asked for. A command-line harness: it prints its table.
 */
public final class ReplayPaceBenchmark {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private ReplayPaceBenchmark() {
    }

    /** Runs with {@code [rate [seconds]]}, default 200 messages a second for 35 seconds. */
    static List<SummaryRow> run(String[] args) throws Exception {
        try (PacedTopic filled = PacedTopic.fill("replay-pace", args, "bench-pace")) {
            return run(filled, System.out);
        }
    }

    private static List<SummaryRow> run(PacedTopic filled, PrintStream out) throws Exception {
        int rate = filled.rate();
        int total = filled.total();
        EmbeddedRocketMq mq = filled.mq();
        RocketMqAdmin admin = filled.admin();
        String topic = filled.topic();
        long from = filled.from();
        long until = filled.until();
        String group = "bench-pace-g";
        admin.ensureTopic("%RETRY%" + group, 1);
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong copies = new AtomicLong();
        try (RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .labelledBy(m -> "x").onMessage(m -> {
                    if (m.getProperty(ReplayedMessages.ORIGIN_OFFSET) != null) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        copies.incrementAndGet();
                    }
                }).start()) {
            consumer.awaitDeliveries(total, PATIENCE);
            WindowPlan plan = new WindowPlanner(admin).plan(new ReplayWindow(group, topic, from, until),
                    GivenTags.option(null));
            long start = System.nanoTime();
            new WindowReplayer(admin).replay(plan, new SendRate(rate));
            long sent = System.nanoTime();
            consumer.await(() -> copies.get() >= total, PATIENCE, "every replayed copy");
            double sendRate = total / ((sent - start) / 1e9);
            double observed = (total - 1) / ((last.get() - first.get()) / 1e9);
            out.println("Paced window replay: " + total + " messages at " + rate + "/s (" + PacedTopic.QUEUES
                    + " queues)");
            out.printf("%-44s %12s%n", "measure", "msgs/s");
            out.printf("%-44s %12d%n", "asked (--rate)", rate);
            out.printf("%-44s %12.1f%n", "sent (replayer, first to last send)", sendRate);
            out.printf("%-44s %12.1f%n", "observed (listener, first to last copy)", observed);
            out.printf("observed / asked: %.3f over %.1f s%n", observed / rate, (last.get() - first.get()) / 1e9);
            return List.of(new SummaryRow("replay-pace", "msgs/s observed by the listener vs --rate " + rate,
                    String.format("%.1f", observed), Integer.toString(rate), String.format("%.3f",
                            observed / rate)));
        }
    }
}
