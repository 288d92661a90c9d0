package dev.backtrack.cli;

import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.replay.WindowReplayResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of commands that send stored messages to a group again ({@code replay}, {@code redrive}), and their
 * confirmation.
 */
final class SendOptions {

    /** How these commands ask to send messages once more. */
    static final String AGAIN = "use --again";

    @Option(names = "--dry-run", description = "Print the plan and send nothing.")
    boolean dryRun;

    @Option(names = "--again", description = "Send even messages that were sent to the group this way before.")
    boolean again;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Send at most this many messages a second: N or N/s, or N/m per minute (default: as fast as "
                    + "the broker takes them).")
    String rate;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of replays and redrives (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    /** The rate asked for ({@link SendRate#UNLIMITED} without --rate); a wrong value fails with what is accepted. */
    SendRate rate() {
        return SendRate.parse(rate);
    }

    /** Standard input, for the confirmation; null when there is none. */
    @Nullable BufferedReader input;

    /**
     * True when there is nothing to send, with --yes, or when the user answers y or yes to {@code question}; otherwise
     * says on {@code err} that nothing was {@code done} (e.g. "replayed").
     */
    boolean confirmed(PrintWriter err, long count, String question, String done) throws IOException {
        if (count == 0 || yes || Confirmation.asked(err, input, question)) {
            return true;
        }
        err.println("Not confirmed: nothing " + done + " (use --yes to skip the question).");
        err.flush();
        return false;
    }

    /**
     * The exit code of a send of {@code planned} messages: {@link BacktrackCli#OK} when every one was sent, else
     * {@link BacktrackCli#FAILED} after saying on {@code err} where the {@code operation} (e.g. "replay") stopped.
     */
    static int exitCode(PrintWriter err, WindowReplayResult result, long planned, String operation) {
        if (result.complete()) {
            return BacktrackCli.OK;
        }
        err.println("error: the " + operation + " " + result.failure() + "; " + result.replayed() + " of " + planned
                + " messages were sent (recorded; sending them again needs --again)");
        err.flush();
        return BacktrackCli.FAILED;
    }
}
