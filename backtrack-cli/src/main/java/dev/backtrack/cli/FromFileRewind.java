package dev.backtrack.cli;

import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.snapshot.ImportOperation;
import dev.backtrack.core.snapshot.OffsetFile;
import dev.backtrack.core.snapshot.OffsetsCsv;
import dev.backtrack.core.snapshot.TopicPlans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code backtrack rewind --from-file FILE}: reads the offsets file, has core check every row and plan every topic
 * before anything moves ({@link ImportOperation}), then shows, confirms and applies the plans as one batch.
 */
final class FromFileRewind {

    /** The largest offsets file read, in bytes (a row per queue: far more than any cluster needs). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final ClusterOptions cluster;
    private final MoveOptions move;
    private final BufferedReader input;

    FromFileRewind(ClusterOptions cluster, MoveOptions move, BufferedReader input) {
        this.cluster = cluster;
        this.move = move;
        this.input = input;
    }

    /** Runs the rewind of {@code target}'s group to the file of {@code position}; returns the exit code. */
    int run(PrintWriter out, PrintWriter err, RewindTargetOptions target, PositionOptions position,
            boolean allowPartial, @Nullable String rate, boolean follow) throws IOException {
        String group = target.fileGroup();
        if (target.topic != null || !position.queues.isEmpty() || rate != null || follow) {
            throw new UsageException("--from-file moves the queues its rows name, on their topics, at full speed; "
                    + "leave out -t/--topic, --queue, --rate and --follow");
        }
        Path file = Path.of(Objects.requireNonNull(position.file()));
        OffsetFile rows = OffsetsCsv.parse(read(file), String.valueOf(file.getFileName()));
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), move.journalTopic,
                move.controlTopic, !move.dryRun, move.ackTimeout)) {
            ImportOperation imports = new ImportOperation(connections, OperationObserver.NONE);
            TopicPlans plans = imports.plan(group, rows);
            return new TopicPlansRun(cluster, move, input).run(out, err, "Rewind to the offsets of " + file, plans,
                    allowPartial, planned -> imports.apply(planned, RewindCommand.actor(), allowPartial,
                            PartialRewinds.ALLOW_PARTIAL));
        }
    }

    /** The file's text; a file that cannot be read, is too large or is not UTF-8 is a usage error. */
    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException("Offsets file " + file + " is larger than " + MAX_BYTES + " bytes; "
                        + "accepted: a file of " + OffsetsCsv.ROW_FORM);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("Cannot read offsets file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); accepted: a readable UTF-8 "
                    + "file of " + OffsetsCsv.ROW_FORM);
        }
    }
}
