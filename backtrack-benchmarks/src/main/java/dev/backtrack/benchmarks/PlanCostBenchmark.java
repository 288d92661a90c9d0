package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one rewind plan over 8 queues as the queues grow from 10^4 to 10^6 messages each, measured in the same
 * run on the same embedded broker. A command-line harness: it prints its table on standard output.
 */
public final class PlanCostBenchmark {

    private static final int QUEUES = 8;
    private static final int BATCH = 500;

    private PlanCostBenchmark() {
    }

    /** Runs with {@code [messagesPerQueue ...]}, default 10000 100000 1000000. */
    static List<SummaryRow> run(String[] args) throws Exception {
        return run(CostBySize.sizes("plan-cost", "messages per queue", args,
                List.of(10_000, 100_000, 1_000_000)), 10, System.out);
    }

    private static List<SummaryRow> run(List<Integer> sizes, int plans, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-plan-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            List<Long> middles = new ArrayList<>();
            for (int size : sizes) {
                mq.createTopic("bench-plan-" + size, QUEUES);
                middles.add(new TopicFiller(mq.nameServerAddress(), BATCH).fill("bench-plan-" + size, QUEUES, size,
                        sequence -> ("m-" + sequence).getBytes(StandardCharsets.UTF_8)));
                TopicFiller.awaitIndexed(admin, "bench-plan-" + size, size);
            }
            RewindPlanner planner = new RewindPlanner(admin);
            List<long[]> rows = CostBySize.measure(sizes, plans,
                    s -> planner.plan("bench-plan-group", "bench-plan-" + sizes.get(s), middles.get(s)));
            CostBySize.print(out, "Rewind plan over " + QUEUES + " queues, time per plan (" + plans * 5
                    + " plans per size, sizes interleaved, after a warm-up round)", rows);
            long[] first = rows.get(0);
            long[] last = rows.get(rows.size() - 1);
            double ratio = last[1] / (double) first[1];
            double logRatio = Math.log(last[0]) / Math.log(first[0]);
            out.printf("ratio %d : %d = %.2f (log ratio %.2f)%n", last[0], first[0], ratio, logRatio);
            return List.of(new SummaryRow("plan-cost", String.format("us per plan, %,d vs %,d msgs/queue", last[0],
                    first[0]), Long.toString(last[1]), Long.toString(first[1]),
                    String.format("%.2f (log n allows %.2f)", ratio, logRatio)));
        }
    }
}
