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

    /**
     * The argument at {@code index} as a whole number from {@code min} to {@code max}, or {@code fallback} when
     * absent.
     */
    int count(int index, String name, int min, int max, int fallback) {
        if (index >= args.length) {
            return fallback;
        }
        Integer parsed = parse(args[index]);
        if (parsed == null || parsed < min || parsed > max) {
            throw new BenchmarkUsageException(benchmark + ": " + name + " '" + quoted(args[index]) + "' is not "
                    + "accepted; give a whole number from " + min + " to " + max + ", e.g. " + fallback);
        }
        return parsed;
    }

    /** {@code value} as a whole number of at least {@code min}. */
    int count(String value, String name, int min) {
        Integer parsed = parse(value);
        if (parsed != null && parsed >= min) {
            return parsed;
        }
        throw new BenchmarkUsageException(benchmark + ": " + name + " '" + quoted(value) + "' is not accepted; give a "
                + "whole number of at least " + min + ", e.g. " + Math.max(min, 3));
    }

    private static Integer parse(String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String quoted(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }

    /** The argument at {@code index}, or {@code fallback} when absent. */
    String text(int index, String fallback) {
        return index < args.length ? args[index] : fallback;
    }
}
