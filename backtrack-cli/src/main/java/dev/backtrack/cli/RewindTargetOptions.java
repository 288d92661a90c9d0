package dev.backtrack.cli;

import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.BatchRewindRequest.AllGroupsOf;
import dev.backtrack.core.operation.BatchRewindRequest.AllTopicsOf;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * What {@code plan} and {@code rewind} move: a group on a topic ({@code -g -t}), every group of a topic
 * ({@code -t --all-groups}), a group on every topic it consumes ({@code -g --all-topics}), or, for
 * {@code rewind --from-file}, a group on the topics the file's rows name ({@code -g} alone).
 */
final class RewindTargetOptions {

    /** The option that leaves refused pairs of a batch out. */
    static final String SKIP_REFUSED = "--skip-refused";
    private static final String ACCEPTED = "accepted: -g GROUP -t TOPIC (one group on one topic), -t TOPIC "
            + "--all-groups (every group of the topic), -g GROUP --all-topics (the group on every topic it consumes) "
            + "or, for rewind, -g GROUP --from-file FILE (the group on the queues the file's rows name)";

    @Option(names = {"-g", "--group"}, description = "Consumer group (with --all-topics: the group moved on every "
            + "topic it consumes).")
    @Nullable String group;

    @Option(names = {"-t", "--topic"}, description = "Topic (with --all-groups: every group of it moves; left out "
            + "with --from-file, whose rows name their topics).")
    @Nullable String topic;

    @Option(names = "--all-groups", description = "Every consumer group of the topic (-t, without -g): each group "
            + "holding committed offsets on it or consuming it online, RocketMQ's and Backtrack's own left out. "
            + "One refused group refuses them all, unless " + SKIP_REFUSED + ".")
    boolean allGroups;

    @Option(names = "--all-topics", description = "The group (-g, without -t) on every topic it consumes: each topic "
            + "it holds committed offsets on or is subscribed to online, retry and dead-letter topics left out. One "
            + "refused topic refuses them all, unless " + SKIP_REFUSED + ".")
    boolean allTopics;

    @Option(names = SKIP_REFUSED, description = "With --all-groups or --all-topics: leave out the groups or topics "
            + "that would be refused (the plan names them and why) and move the others.")
    boolean skipRefused;

    /**
     * The batch asked for, or null for one group on one topic; fails with a {@link UsageException} naming the
     * accepted forms when the options do not make one of them.
     */
    BatchRewindRequest.@Nullable Scope scope() {
        if (allGroups && allTopics) {
            throw new UsageException("--all-groups and --all-topics cannot be used together; " + ACCEPTED + ".");
        }
        if (allGroups) {
            require(group == null, "--all-groups moves every group of the topic, so it takes no -g/--group");
            require(topic != null, "--all-groups needs the topic: -t TOPIC");
            return new AllGroupsOf(topic);
        }
        if (allTopics) {
            require(topic == null, "--all-topics moves the group on every topic it consumes, so it takes no "
                    + "-t/--topic");
            require(group != null, "--all-topics needs the group: -g GROUP");
            return new AllTopicsOf(group);
        }
        require(!skipRefused, SKIP_REFUSED + " applies to --all-groups or --all-topics only");
        require(group != null && topic != null, "Missing " + (group == null && topic == null ? "-g/--group and "
                + "-t/--topic" : group == null ? "-g/--group" : "-t/--topic"));
        return null;
    }

    /**
     * The group of {@code rewind --from-file}: {@code -g} alone, the topics coming from the file's rows; fails with
     * a {@link UsageException} otherwise.
     */
    String fileGroup() {
        if (allGroups || allTopics || skipRefused || group == null) {
            throw new UsageException("--from-file moves one group on the queues its rows name; accepted: -g GROUP "
                    + "--from-file FILE (without --all-groups, --all-topics or " + SKIP_REFUSED + ")");
        }
        return group;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new UsageException(what + "; " + ACCEPTED + ".");
        }
    }
}
