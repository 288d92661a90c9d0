package dev.backtrack.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/** Times one operation on topics of several sizes, interleaved, and prints median, min and max per size. */
final class CostBySize {

    private CostBySize() {
    }

    /** The sizes (in {@code unit}) given on the command line of benchmark {@code name}, or {@code defaults}. */
    static List<Integer> sizes(String name, String unit, String[] args, List<Integer> defaults) {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(new BenchmarkArguments(name, args).count(arg, unit, 2));
        }
        return sizes.isEmpty() ? defaults : sizes;
    }

    /**
     * Runs {@code operation} (given the index of a size) {@code repeats} times per size, sizes interleaved, in 5
     * counted rounds after a warm-up round; returns per size {size, median, min, max} in microseconds.
     */
    static List<long[]> measure(List<Integer> sizes, int repeats, IntConsumer operation) {
        List<List<Long>> micros = new ArrayList<>();
        sizes.forEach(size -> micros.add(new ArrayList<>()));
        for (int round = 0; round < 6; round++) { // round 0 warms the JIT up and is not counted
            for (int s = 0; s < sizes.size(); s++) {
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    operation.accept(s);
                    if (round > 0) {
                        micros.get(s).add((System.nanoTime() - start) / 1_000);
                    }
                }
            }
        }
        List<long[]> rows = new ArrayList<>();
        for (int s = 0; s < sizes.size(); s++) {
            List<Long> sorted = new ArrayList<>(micros.get(s));
            Collections.sort(sorted);
            rows.add(new long[] {sizes.get(s), sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1)});
        }
        return rows;
    }

    /** Prints the rows of {@link #measure} under {@code title}, sizes in messages per queue. */
    static void print(PrintStream out, String title, List<long[]> rows) {
        print(out, title, "msgs/queue", rows);
    }

    /** Prints the rows of {@link #measure} under {@code title}, sizes in {@code unit}. */
    static void print(PrintStream out, String title, String unit, List<long[]> rows) {
        out.println(title);
        out.printf("%14s %12s %10s %10s%n", unit, "median us", "min us", "max us");
        for (long[] row : rows) {
            out.printf("%14d %12d %10d %10d%n", row[0], row[1], row[2], row[3]);
        }
    }
}
