package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.snapshot.OffsetsCsv;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of {@code snapshot}, {@code restore}, {@code export} and {@code import} as the endpoint received them,
 * each read (and refused with what is accepted) when its section needs it.
 *
 * @param binding a consumer binding whose group is meant
 * @param group the consumer group
 * @param topics the topics, comma-separated; absent for every topic the group consumes
 * @param name the snapshot's name
 * @param id the snapshot to restore: its name, batch id or an entry's id
 * @param csv the offsets file's text
 * @param dryRun whether only the plan is answered (default true)
 * @param allowPartial whether a topic that misses brokers moves all the same (default false)
 */
record SnapshotFields(@Nullable String binding, @Nullable String group, @Nullable String topics,
        @Nullable String name, @Nullable String id, @Nullable String csv, @Nullable String dryRun,
        @Nullable String allowPartial) {

    /** The sections these fields serve. */
    static final Set<String> SECTIONS = Set.of("snapshot", "restore", "export", "import");

    List<String> topicList() {
        return SnapshotResponse.topics(topics);
    }

    boolean dry() {
        return RequestFields.dryRun(dryRun);
    }

    boolean partialAllowed() {
        return RequestFields.allowPartial(allowPartial);
    }

    /** The snapshot to restore; fails when absent. */
    String requireId() {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Field 'id' is missing; accepted: a snapshot's name, or its batch "
                    + "id (GET /actuator/backtrack/history lists snapshots)");
        }
        return id.strip();
    }

    /** The offsets file's text; fails when absent. */
    String requireCsv() {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("Field 'csv' is missing; accepted: the offsets file's text, "
                    + OffsetsCsv.ROW_FORM);
        }
        return csv;
    }
}
