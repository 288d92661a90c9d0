package dev.backtrack.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code backtrack restore} or {@code backtrack rewind --from-file} did on every topic, as printed with --json.
 *
 * @param group consumer group
 * @param asked what was asked, as recorded on each topic's entry ({@code snapshot NAME}, {@code file NAME})
 * @param dryRun whether nothing was changed on purpose
 * @param batch the batch id the topics' journal entries share, or null for a dry run
 * @param messagesToReplay messages the group consumes again, over every topic
 * @param messagesToSkip messages the group skips, over every topic
 * @param topics one result per topic, as {@code backtrack rewind} prints it
 * @param warnings what went wrong after the offsets moved (e.g. a record could not be written), by topic
 */
record TopicsResult(String group, String asked, boolean dryRun, @Nullable String batch, long messagesToReplay,
        long messagesToSkip, List<RewindResult> topics, List<String> warnings) {
}
