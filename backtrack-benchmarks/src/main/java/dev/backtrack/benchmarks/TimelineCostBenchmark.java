package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.timeline.TimeBuckets;
import dev.backtrack.core.timeline.Timeline;
import dev.backtrack.core.timeline.TopicTimeline;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one 96-bucket timeline of a topic with 8 queues as the queues grow from 10^4 to 10^6 messages each,
 * measured in the same run on the same embedded broker: the counts come from offset-by-time look-ups, so the cost
 * should not grow with the messages. A command-line harness: it prints its table on standard output.
 */
public final class TimelineCostBenchmark {

    private static final int QUEUES = 8;
    private static final int BUCKETS = 96;
    private static final int BATCH = 500;

    private TimelineCostBenchmark() {
    }

    /** Runs with {@code [messagesPerQueue ...]}, default 10000 1000000. */
    static List<SummaryRow> run(String[] args) throws Exception {
        return run(CostBySize.sizes("timeline-cost", "messages per queue", args,
                List.of(10_000, 1_000_000)), 10, System.out);
    }

    private static List<SummaryRow> run(List<Integer> sizes, int timelines, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-timeline-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            List<TimeBuckets> ranges = new ArrayList<>();
            for (int size : sizes) {
                String topic = "bench-timeline-" + size;
                mq.createTopic(topic, QUEUES);
                long start = System.currentTimeMillis();
                long fillStart = System.nanoTime();
                new TopicFiller(mq.nameServerAddress(), BATCH).fill(topic, QUEUES, size,
                        sequence -> ("m-" + sequence).getBytes(StandardCharsets.UTF_8));
                TopicFiller.awaitIndexed(admin, topic, size);
                out.printf("filled %s: %,d messages in %,d s%n", topic, (long) size * QUEUES,
                        (System.nanoTime() - fillStart) / 1_000_000_000L);
                ranges.add(new TimeBuckets(start - 1, System.currentTimeMillis() + 1, BUCKETS));
            }
            TopicTimeline timeline = new TopicTimeline(admin);
            for (int s = 0; s < sizes.size(); s++) {
                Timeline counted = timeline.read("bench-timeline-" + sizes.get(s), ranges.get(s), null);
                if (counted.total() != (long) sizes.get(s) * QUEUES) {
                    throw new IllegalStateException("timeline of " + sizes.get(s) + " msgs/queue counted "
                            + counted.total() + " messages, not " + (long) sizes.get(s) * QUEUES);
                }
            }
            List<long[]> rows = CostBySize.measure(sizes, timelines,
                    s -> timeline.read("bench-timeline-" + sizes.get(s), ranges.get(s), null));
            CostBySize.print(out, "Timeline of " + BUCKETS + " buckets over " + QUEUES + " queues (counts checked "
                    + "against the messages sent), time per timeline (" + timelines * 5 + " per size, sizes "
                    + "interleaved, after a warm-up round)", rows);
            long[] first = rows.get(0);
            long[] last = rows.get(rows.size() - 1);
            double ratio = last[1] / (double) first[1];
            out.printf("ratio %d : %d = %.2f%n", last[0], first[0], ratio);
            return List.of(new SummaryRow("timeline-cost", String.format("us per %d-bucket timeline, %,d vs %,d "
                    + "msgs/queue", BUCKETS, last[0], first[0]), Long.toString(last[1]), Long.toString(first[1]),
                    String.format("%.2f", ratio)));
        }
    }
}
