package dev.backtrack.cli;

import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.WindowReplayResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SendPolicyOptions sending;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of replays and redrives (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    /** How to send: rate, canary, pause threshold; a wrong value fails with what is accepted. */
    SendPolicy policy() {
        return sending.policy();
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
     * The exit code of a run of {@code planned} messages: {@link BacktrackCli#OK} when every one was sent;
     * {@link BacktrackCli#PAUSED} when it paused, {@link BacktrackCli#FAILED} when a send failed, after saying on
     * {@code err} where the {@code operation} (e.g. "replay") stopped and how to resume or abort it.
     */
    static int exitCode(PrintWriter err, ReplayOutcome outcome, long planned, String operation) {
        WindowReplayResult result = outcome.result();
        if (result.complete()) {
            return BacktrackCli.OK;
        }
        String id = outcome.runId();
        err.println((outcome.state() == RunState.PAUSED ? "The " : "error: the ") + operation + " " + result.failure()
                + "; " + result.replayed() + " of " + planned + " messages were sent (recorded as run " + id + ")."
                + " Send the rest, once each: backtrack resume " + id + "; end it: backtrack abort " + id + ".");
        err.flush();
        return outcome.state() == RunState.PAUSED ? BacktrackCli.PAUSED : BacktrackCli.FAILED;
    }

    /**
     * Where a run's id is said as soon as its start is recorded: standard output, or standard error with --json (whose
     * standard output is the document alone).
     */
    static Consumer<String> announcer(PrintWriter out, PrintWriter err, boolean json, String operation) {
        PrintWriter to = json ? err : out;
        return id -> {
            to.println("Run " + id + " recorded; sending. If this process stops before the " + operation + " ends, "
                    + "send the rest with: backtrack resume " + id);
            to.flush();
        };
    }

    /** The canary's verdict in a line, or nothing when there was no canary. */
    static void printCanary(PrintWriter out, @Nullable CanaryVerdict canary, String group) {
        if (canary == null) {
            return;
        }
        if (canary.passed()) {
            out.println("Canary: " + canary.sent() + " sent, each consumed without failing (" + canary.waitedMillis()
                    + " ms); the rest followed.");
        } else if (!canary.failed().isEmpty()) {
            out.println("Canary: " + canary.failed().size() + " of " + canary.sent() + " failed: "
                    + canary.failed().stream().map(f -> f.describe(group)).collect(Collectors.joining(", ")));
        } else {
            out.println("Canary: " + canary.notConsumed().size() + " of " + canary.sent() + " not consumed within "
                    + canary.waitedMillis() / 1000 + " s.");
        }
    }
}
