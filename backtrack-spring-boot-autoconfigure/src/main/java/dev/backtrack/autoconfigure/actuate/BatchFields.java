package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.BatchRewindRequest.AllGroupsOf;
import dev.backtrack.core.operation.BatchRewindRequest.AllTopicsOf;
import dev.backtrack.core.operation.RequestFields;
import org.jspecify.annotations.Nullable;

/**
 * The rewind's batch fields ({@code allGroups}, {@code allTopics}, {@code skipRefused}): which form of the rewind a
 * request asks for, each wrong combination refused with what is accepted.
 */
final class BatchFields {

    /** How the endpoint's user leaves refused pairs of a batch out. */
    static final String SKIP_REFUSED = "\"skipRefused\": true";
    private static final String ACCEPTED = "accepted: 'binding', or 'group' and 'topic' (one group on one topic); "
            + "'topic' with \"allGroups\": true (every group of the topic); or 'group' with \"allTopics\": true (the "
            + "group on every topic it consumes)";

    private BatchFields() {
    }

    /**
     * The batch asked for, or null for the single rewind; fails with an {@link IllegalArgumentException} naming the
     * accepted forms when the fields do not make one of them, or a true/false field holds anything else.
     */
    static BatchRewindRequest.@Nullable Scope scope(@Nullable String binding, @Nullable String group,
            @Nullable String topic, @Nullable String queues, @Nullable String allGroups, @Nullable String allTopics,
            @Nullable String skipRefused) {
        boolean groups = RequestFields.flag(allGroups, "allGroups", false, "rewind every group of 'topic'",
                "rewind one group");
        boolean topics = RequestFields.flag(allTopics, "allTopics", false, "rewind 'group' on every topic it "
                + "consumes", "rewind one topic");
        boolean skip = skipRefused(skipRefused);
        if (groups && topics) {
            throw refused("\"allGroups\" and \"allTopics\" cannot both be true");
        }
        if (!groups && !topics) {
            require(!skip, "'skipRefused' applies to \"allGroups\": true or \"allTopics\": true only");
            return null;
        }
        String field = groups ? "\"allGroups\": true" : "\"allTopics\": true";
        require(blank(binding), field + " takes no 'binding'");
        require(blank(queues), field + " moves every queue, so it takes no 'queues'");
        if (groups) {
            require(blank(group), field + " moves every group of the topic, so it takes no 'group'");
            require(!blank(topic), field + " needs 'topic'");
            return new AllGroupsOf(topic.strip());
        }
        require(blank(topic), field + " moves the group on every topic it consumes, so it takes no 'topic'");
        require(!blank(group), field + " needs 'group'");
        return new AllTopicsOf(group.strip());
    }

    /** Whether refused pairs of a batch are left out (default false: one refusal refuses the batch). */
    static boolean skipRefused(@Nullable String skipRefused) {
        return RequestFields.flag(skipRefused, "skipRefused", false, "leave the refused groups or topics out and "
                + "move the others", "one refused group or topic refuses the whole batch");
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw refused(what);
        }
    }

    private static IllegalArgumentException refused(String what) {
        return new IllegalArgumentException(what + "; " + ACCEPTED);
    }
}
