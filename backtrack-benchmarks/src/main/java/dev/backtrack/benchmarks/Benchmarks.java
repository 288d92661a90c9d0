package dev.backtrack.benchmarks;

import java.util.Arrays;

/** Entry point: {@code rewind-latency [fastRuns slowRuns]}, {@code plan-cost [sizes...]}, or {@code all}. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** Runs the named benchmark, or all of them. */
    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "rewind-latency" -> RewindLatencyBenchmark.run(rest);
            case "plan-cost" -> PlanCostBenchmark.run(rest);
            case "all" -> {
                RewindLatencyBenchmark.run(new String[0]);
                PlanCostBenchmark.run(new String[0]);
            }
            default -> {
                System.err.println("Unknown benchmark '" + which + "'; accepted: rewind-latency, plan-cost, all");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
