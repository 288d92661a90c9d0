package dev.backtrack.benchmarks;

/** A benchmark was asked for with an argument it does not accept; the message says which and what is accepted. */
final class BenchmarkUsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    BenchmarkUsageException(String message) {
        super(message);
    }
}
