package dev.backtrack.core.snapshot;

import dev.backtrack.core.cluster.ClusterListing;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.ClusterSession;
import java.time.Clock;
import java.util.List;

/**
 * Exports a group's committed offsets as an offsets file ({@link OffsetsCsv}) and records the export in the journal,
 * one EXPORT entry per topic sharing a batch id. Nothing moves. The front end writes the file between
 * {@link #read} and {@link #record}, so that only a file written is recorded.
 */
public final class ExportOperation {

    private final ClusterSession session;
    private final ClusterListing listing;
    private final Clock clock;

    /** Works through {@code session}, finding the topics a group consumes with {@code listing}. */
    public ExportOperation(ClusterSession session, ClusterListing listing) {
        this(session, listing, Clock.systemUTC());
    }

    /** As the other constructor, dating exports by {@code clock}. */
    public ExportOperation(ClusterSession session, ClusterListing listing, Clock clock) {
        this.session = session;
        this.listing = listing;
        this.clock = clock;
    }

    /**
     * The committed offsets of {@code group} on {@code topics} (every topic it consumes when empty); their file is
     * {@link OffsetsCsv#write}. Fails on a topic where the group has no committed offset.
     */
    public GroupOffsets read(String group, List<String> topics) {
        return GroupOffsets.read(session.admin(), listing, group, topics);
    }

    /** Records that {@code offsets} were written to {@code file} by {@code actor}; returns the entries recorded. */
    public List<JournalEntry> record(GroupOffsets offsets, String file, String actor) {
        return RecordedBatch.record(session, offsets.entries(JournalKind.EXPORT, "export " + file, actor,
                clock.millis(), JournalIds.newId()), "export");
    }
}
