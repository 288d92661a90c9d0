package dev.backtrack.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point: {@code all}, or one of {@code replay-throughput}, {@code plan-cost}, {@code journal-cost},
 * {@code embedding-cost},
 * {@code produce-throughput}, {@code rewind-latency}, {@code cli-latency}, {@code http-latency}, {@code window-replay},
 * {@code replay-pace}, {@code rewind-pace}, {@code timeline-cost},
 * {@code scale} with its own
 * arguments; ends with a summary table.
 */
public final class Benchmarks {

    private static final String ACCEPTED =
            "all, replay-throughput, plan-cost, journal-cost, embedding-cost, produce-throughput, rewind-latency, cli-latency, "
                    + "http-latency, window-replay, replay-pace, rewind-pace, timeline-cost, scale, batch";

    private Benchmarks() {
    }

    /** Runs the named benchmark, or all of them, and prints the summary table; exits 2 on a wrong argument. */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (BenchmarkUsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        List<SummaryRow> rows = new ArrayList<>();
        switch (which) {
            case "replay-throughput" -> rows.addAll(ReplayThroughputBenchmark.run(rest));
            case "plan-cost" -> rows.addAll(PlanCostBenchmark.run(rest));
            case "journal-cost" -> rows.addAll(JournalCostBenchmark.run(rest));
            case "embedding-cost" -> rows.addAll(EmbeddingCostBenchmark.run(rest));
            case "produce-throughput" -> rows.addAll(ProduceThroughputBenchmark.run(rest));
            case "rewind-latency" -> rows.addAll(RewindLatencyBenchmark.run(rest));
            case "cli-latency" -> rows.addAll(CliLatencyBenchmark.run(rest));
            case "http-latency" -> rows.addAll(HttpLatencyBenchmark.run(rest));
            case "window-replay" -> rows.addAll(WindowReplayBenchmark.run(rest));
            case "replay-pace" -> rows.addAll(ReplayPaceBenchmark.run(rest));
            case "rewind-pace" -> rows.addAll(RewindPaceBenchmark.run(rest));
            case "timeline-cost" -> rows.addAll(TimelineCostBenchmark.run(rest));
            case "scale" -> rows.addAll(ScaleBenchmark.run(rest));
            case "batch" -> rows.addAll(BatchBenchmark.run(rest));
            case "broker" -> StandaloneBroker.run(rest);
            case "all" -> {
                rows.addAll(ReplayThroughputBenchmark.run(new String[0]));
                rows.addAll(PlanCostBenchmark.run(new String[0]));
                rows.addAll(JournalCostBenchmark.run(new String[0]));
                rows.addAll(EmbeddingCostBenchmark.run(new String[0]));
                rows.addAll(ProduceThroughputBenchmark.run(new String[0]));
                rows.addAll(RewindLatencyBenchmark.run(new String[0]));
                rows.addAll(CliLatencyBenchmark.run(new String[0]));
                rows.addAll(HttpLatencyBenchmark.run(new String[0]));
            }
            default -> throw new BenchmarkUsageException("Unknown benchmark '" + which + "'; accepted: " + ACCEPTED);
        }
        printSummary(System.out, rows);
    }

    private static void printSummary(PrintStream out, List<SummaryRow> rows) {
        out.println();
        out.println("Summary");
        out.printf("%-20s %-58s %14s %14s  %s%n", "benchmark", "measure", "ours", "baseline", "ratio");
        for (SummaryRow row : rows) {
            out.printf("%-20s %-58s %14s %14s  %s%n", row.benchmark(), row.measure(), row.ours(), row.baseline(),
                    row.ratio());
        }
    }
}
