package dev.backtrack.benchmarks;

/** Reads a benchmark's positional arguments, with errors that say which one was wrong and what is accepted. */
final class BenchmarkArguments {

    private final String benchmark;
    private final String[] args;

    BenchmarkArguments(String benchmark, String[] args) {
        this.benchmark = benchmark;
        this.args = args;
    }

    /** The argument at {@code index} as a whole number of at least {@code min}, or {@code fallback} when absent. */
    int count(int index, String name, int min, int fallback) {
        if (index >= args.length) {
            return fallback;
        }
        return count(args[index], name, min);
    }

    /** {@code value} as a whole number of at least {@code min}. */
    int count(String value, String name, int min) {
        try {
            int parsed = Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkUsageException(benchmark + ": " + name + " '" + value + "' is not accepted; give a whole "
                + "number of at least " + min + ", e.g. " + Math.max(min, 3));
    }

    /** The argument at {@code index}, or {@code fallback} when absent. */
    String text(int index, String fallback) {
        return index < args.length ? args[index] : fallback;
    }
}
