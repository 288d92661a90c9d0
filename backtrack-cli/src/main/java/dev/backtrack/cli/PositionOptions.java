package dev.backtrack.cli;

import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where plan and rewind put the group: exactly one of a time, offsets, a shift or another group; optionally on some queues. */
final class PositionOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = "--queue", paramLabel = "BROKER/QUEUE_ID",
            description = "Move only this queue (repeatable, or several separated by commas, e.g. broker-a/0); the "
                    + "others keep their offsets. Default: every queue of the topic.")
    List<String> queues = new ArrayList<>();

    /** The one position given on the command line. */
    static final class Choice {

        @Option(names = "--to", paramLabel = "TIME",
                description = "Replay from this time: " + TimeExpressionParser.ACCEPTED_FORMS + ".")
        @Nullable String to;

        @Option(names = "--to-offset", paramLabel = "OFFSET|BROKER/QUEUE_ID=OFFSET,...",
                description = "Start at this offset on every queue (e.g. 5), or at the listed offsets "
                        + "(e.g. broker-a/0=5,broker-b/1=7; the queues not listed keep theirs). Offsets outside a "
                        + "queue's [min, max] are clamped, with a note.")
        @Nullable String toOffset;

        @Option(names = "--shift-by", paramLabel = "N",
                description = "Move every queue N messages from its committed offset: -N back (replay N), +N forward "
                        + "(skip N); clamped to the queue's [min, max], with a note.")
        @Nullable String shiftBy;

        @Option(names = "--to-group-of", paramLabel = "GROUP",
                description = "Take GROUP's committed offsets (clone a group of the same topic); the plan shows both "
                        + "groups' offsets per queue.")
        @Nullable String toGroupOf;

        @Option(names = "--from-file", paramLabel = "FILE",
                description = "backtrack rewind only: put the group at the offsets of a CSV file written by backtrack "
                        + "offsets --export (header topic,broker,queue,offset, then one row per queue) on the topics "
                        + "it names; queues without a row keep their offsets. Every row is checked before anything "
                        + "moves.")
        @Nullable String fromFile;
    }

    /** The requested position; a time is read with {@code parser}. Not for --from-file (see {@link #file()}). */
    PositionRequest request(TimeExpressionParser parser) {
        if (choice.fromFile != null) {
            throw new UsageException("--from-file is taken by backtrack rewind only (backtrack rewind -g GROUP "
                    + "--from-file FILE --dry-run shows its plans); here accepted: --to, --to-offset, --shift-by or "
                    + "--to-group-of");
        }
        if (choice.to != null) {
            return new PositionRequest.AtTime(parser.toEpochMillis(choice.to), choice.to);
        }
        if (choice.toOffset != null) {
            return PositionRequest.offsets(choice.toOffset, "--to-offset");
        }
        if (choice.shiftBy != null) {
            return PositionRequest.shift(choice.shiftBy, "--shift-by");
        }
        return PositionRequest.groupOf(choice.toGroupOf, "--to-group-of");
    }

    /** The offsets file given with --from-file, or null. */
    @Nullable String file() {
        return choice.fromFile;
    }

    /** The queues the rewind is limited to; empty for every queue. */
    Set<QueueRef> selectedQueues() {
        return QueueRef.parseAll(queues, "--queue");
    }
}
