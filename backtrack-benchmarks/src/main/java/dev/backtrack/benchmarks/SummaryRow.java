package dev.backtrack.benchmarks;

/**
 * One line of the final table: what was measured, Backtrack's figure, the baseline's figure and their ratio.
 *
 * @param benchmark the benchmark's name
 * @param measure what the figures are, with their unit
 * @param ours the figure of the Backtrack / Spring path
 * @param baseline the figure of the raw RocketMQ path measured in the same run
 * @param ratio ours relative to the baseline, as the benchmark defines it
 */
record SummaryRow(String benchmark, String measure, String ours, String baseline, String ratio) {
}
