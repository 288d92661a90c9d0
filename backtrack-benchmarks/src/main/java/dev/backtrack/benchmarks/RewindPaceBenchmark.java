package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.test.RecordingConsumer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paced in-place rewind ({@code backtrack rewind --rate}): a topic of {@code rate x seconds} messages consumed by a
 * push consumer that takes orders over the control topic as the starter does (an {@link OrderExecutor}), rewound to
 * its first message at {@code rate}, on one embedded broker; the rate its listener observes over the replayed range
 * (first to last delivery) against the rate asked for. A command-line harness: it prints its table.
 */
public final class RewindPaceBenchmark {

    private static final String CONTROL_TOPIC = "BENCH_REWIND_PACE_CONTROL";
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private RewindPaceBenchmark() {
    }

    /** Runs with {@code [rate [seconds]]}, default 200 messages a second for 35 seconds. */
    static List<SummaryRow> run(String[] args) throws Exception {
        try (PacedTopic filled = PacedTopic.fill("rewind-pace", args, "bench-rewind-pace")) {
            return run(filled, System.out);
        }
    }

    private static List<SummaryRow> run(PacedTopic filled, PrintStream out) throws Exception {
        int rate = filled.rate();
        int total = filled.total();
        RocketMqAdmin admin = filled.admin();
        String topic = filled.topic();
        String group = "bench-rewind-pace-g";
        admin.ensureTopic("%RETRY%" + group, 1);
        AtomicBoolean rewound = new AtomicBoolean();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        Map<String, Integer> again = new ConcurrentHashMap<>();
        try (RecordingConsumer consumer = RecordingConsumer.on(filled.mq().nameServerAddress(), group, topic)
                .onMessage(m -> {
                    if (rewound.get()) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        again.merge(new String(m.getBody(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }).start();
                ControlChannel instance = new ControlChannel(admin, CONTROL_TOPIC);
                ControlChannel requester = new ControlChannel(admin, CONTROL_TOPIC)) {
            new OrderExecutor(instance, (g, t) -> Optional.of(consumer.consumer()), "bench-instance");
            instance.warmUp();
            requester.warmUp();
            consumer.awaitDeliveries(total, PATIENCE);
            consumer.await(() -> caughtUp(admin, topic, group), PATIENCE, "the group's commits at the end");
            RewindPlan plan = new RewindPlanner(admin).plan(group, topic, filled.from());
            rewound.set(true);
            FleetRewind outcome = new FleetRewinder(admin, requester, Duration.ofSeconds(15))
                    .apply(plan, "benchmark", GroupConsumers.of(admin, group), new SendRate(rate));
            if (outcome.applied().path() != RewindPath.IN_PROCESS) {
                throw new IllegalStateException("The rewind did not go in place: " + outcome.note());
            }
            consumer.await(() -> again.size() >= total, PATIENCE, "every replayed message");
            double took = (last.get() - first.get()) / 1e9;
            double observed = (total - 1) / took;
            long repeated = again.values().stream().filter(n -> n > 1).count();
            out.println("Paced in-place rewind: " + total + " messages at " + rate + "/s (" + PacedTopic.QUEUES
                    + " queues, one instance)");
            out.printf("%-44s %12s%n", "measure", "msgs/s");
            out.printf("%-44s %12d%n", "asked (--rate)", rate);
            out.printf("%-44s %12.1f%n", "observed (listener, first to last replayed)", observed);
            out.printf("observed / asked: %.3f over %.1f s; received again: %d of %d, more than once: %d%n",
                    observed / rate, took, again.size(), total, repeated);
            return List.of(new SummaryRow("rewind-pace", "msgs/s observed by the listener vs rewind --rate "
                    + rate, String.format("%.1f", observed), Integer.toString(rate),
                    String.format("%.3f", observed / rate)));
        }
    }

    /** Whether the group's committed offset is at the end of every queue of the topic. */
    private static boolean caughtUp(RocketMqAdmin admin, String topic, String group) {
        return admin.queues(topic).stream().allMatch(q -> Long.valueOf(admin.maxOffset(q.brokerAddress(), q.queue()))
                .equals(admin.committedOffset(q.brokerAddress(), group, q.queue())));
    }
}
