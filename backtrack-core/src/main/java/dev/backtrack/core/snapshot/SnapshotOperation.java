package dev.backtrack.core.snapshot;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.ClusterListing;
import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.ClusterSession;
import dev.backtrack.core.text.BadValues;
import java.time.Clock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot: the committed offsets of a group on every queue of some topics, recorded in the journal as one
 * SNAPSHOT entry per topic sharing a batch id (and the snapshot's name when given), by the actor. Nothing moves.
 */
public final class SnapshotOperation {

    /** The accepted form of a snapshot's name, for error messages. */
    public static final String NAME_FORM = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit "
            + "(e.g. before-deploy-42)";

    private static final Logger log = LoggerFactory.getLogger(SnapshotOperation.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ClusterSession session;
    private final ClusterListing listing;
    private final Clock clock;

    /** Works through {@code session}, finding the topics a group consumes with {@code listing}. */
    public SnapshotOperation(ClusterSession session, ClusterListing listing) {
        this(session, listing, Clock.systemUTC());
    }

    /** As the other constructor, dating snapshots by {@code clock}. */
    public SnapshotOperation(ClusterSession session, ClusterListing listing, Clock clock) {
        this.session = session;
        this.listing = listing;
        this.clock = clock;
    }

    /**
     * Reads and records the snapshot; fails before anything is recorded on a wrong name, a name the group already
     * gave a snapshot, an unknown topic or a topic where the group has no committed offset.
     */
    public Snapshot take(SnapshotRequest request) {
        String name = requireName(request.name());
        SnapshotLookup known = new SnapshotLookup(session.journalEntries());
        if (name != null && known.nameTaken(request.group(), name)) {
            throw new InvalidRewindInputException("Group '" + request.group() + "' already has a snapshot named "
                    + BadValues.quote(name) + "; nothing was recorded. Accepted: a name the group has not used "
                    + "(see backtrack history -g " + request.group() + "), or no name (the snapshot is found by its "
                    + "batch id)");
        }
        GroupOffsets offsets = GroupOffsets.read(session.admin(), listing, request.group(), request.topics());
        String batch = JournalIds.newId();
        var entries = offsets.entries(JournalKind.SNAPSHOT, name == null ? "snapshot" : "snapshot " + name,
                request.actor(), clock.millis(), batch);
        if (name != null) {
            entries = entries.stream().map(e -> e.named(name)).toList();
        }
        Snapshot snapshot = Snapshot.of(RecordedBatch.record(session, entries, "snapshot"));
        log.info("Backtrack: {} took snapshot {} of group {} on topics {} ({} queues)", request.actor(),
                snapshot.label(), request.group(), snapshot.topics(), snapshot.queueCount());
        return snapshot;
    }

    private static @Nullable String requireName(@Nullable String name) {
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRewindInputException("Snapshot name " + BadValues.quote(name) + " is not accepted; "
                    + "accepted: " + NAME_FORM);
        }
        return name;
    }
}
