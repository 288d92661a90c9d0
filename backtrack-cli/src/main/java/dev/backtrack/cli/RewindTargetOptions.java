package dev.backtrack.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The consumer group and topic of {@code backtrack rewind}: the topic may come from elsewhere (--from-file). */
final class RewindTargetOptions {

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, description = "Topic (required, except with --from-file, whose rows name "
            + "their topics).")
    @Nullable String topic;

    /** Fails as a usage error when no topic was given. */
    void requireTopic() {
        if (topic == null) {
            throw new UsageException("Missing required option: '--topic=<topic>'; accepted: -t TOPIC (left out only "
                    + "with --from-file)");
        }
    }
}
