package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RunOperation;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.WindowQueue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack resume ID}: sends what a paused, failed or stopped replay or redrive left, once each. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume the replay or redrive run ID (its id was printed when it started; see backtrack history): "
                + "each queue goes on after the last message the run stored in the group's retry topic, so nothing is "
                + "sent twice and nothing is skipped, whether the run paused, failed a send or its process was killed. "
                + "It sends at the run's rate and pause threshold unless given. A run that finished or was aborted is "
                + "refused (exit 1); a run with no recorded end (its process was killed, or is sending still) is "
                + "resumed once it stored nothing for 20 s. Shows what is left and asks for confirmation unless "
                + "--yes; --dry-run only shows it.")
final class ResumeCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
    String id;

    @Mixin
    SendPolicyOptions sending;

    @Option(names = "--dry-run", description = "Show what is left and send nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of replays and redrives (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    /** Standard input, for the confirmation; null when there is none. */
    @Nullable BufferedReader input;

    /** The JSON document: what was left, and what the resume did. */
    record ResumeDocument(String runId, String kind, String group, String topic, RunState stateBefore,
            long sentBefore, long toSend, List<WindowQueue> queues, boolean dryRun, @Nullable Long sent,
            @Nullable RunState state, @Nullable String error, @Nullable CanaryVerdict canary, List<String> warnings) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RocketMqNames.requireTopic(journalTopic);
        sending.policy(); // wrong values first
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            RunOperation runs = new RunOperation(connections, connections.admin());
            RunOperation.ResumePlan left = runs.planResume(id);
            JournalEntry first = left.entries().first();
            SendRun run = left.entries().latest().run();
            String operation = first.kind().name().equals("REDRIVE") ? "redrive" : "replay";
            if (!cluster.json) {
                out.println("Resume of run " + id + ": " + operation + " of " + first.topic() + " to group "
                        + first.group() + " (" + first.requestedTime() + ", by " + first.actor() + "), "
                        + run.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (run.reason() == null ? "" : ": " + run.reason()));
                TablePrinter table = new TablePrinter("BROKER", "QUEUE", "FROM", "TO", "TO SEND");
                for (WindowQueue q : left.plan().queues()) {
                    table.row(q.broker(), q.queueId(), q.beginOffset(), q.endOffset(), q.matching());
                }
                table.print(out);
                out.println("Sent before: " + left.sentBefore() + "; left to send: " + left.plan().matching()
                        + ".");
                out.flush();
            }
            if (dryRun) {
                print(out, left, run, null);
                return BacktrackCli.OK;
            }
            if (!yes && !Confirmation.asked(err, input, "Send the rest of run " + id + " to group " + first.group()
                    + "?")) {
                err.println("Not confirmed: nothing sent (use --yes to skip the question).");
                err.flush();
                return BacktrackCli.FAILED;
            }
            ReplayOutcome outcome = runs.resume(left, RewindCommand.actor(), SendPolicy.resuming(
                    left.entries().run(), sending.rate, sending.canary, sending.pauseAbove));
            print(out, left, run, outcome);
            return SendOptions.exitCode(err, outcome, left.plan().matching(), operation);
        }
    }

    private void print(PrintWriter out, RunOperation.ResumePlan left, SendRun run, @Nullable ReplayOutcome outcome) {
        JournalEntry first = left.entries().first();
        if (cluster.json) {
            Output.json(out, new ResumeDocument(id, first.kind().name(), first.group(), first.topic(), run.state(),
                    left.sentBefore(), left.plan().matching(), left.plan().queues(), outcome == null,
                    outcome == null ? null : outcome.result().replayed(), outcome == null ? null : outcome.state(),
                    outcome == null ? null : outcome.result().failure(), outcome == null ? null : outcome.canary(),
                    outcome == null ? List.of() : outcome.warnings()));
            return;
        }
        if (outcome == null) {
            out.println("Dry run: nothing sent.");
        } else {
            SendOptions.printCanary(out, outcome.canary(), first.group());
            out.println("Sent " + outcome.result().replayed() + " more into " + outcome.result().retryTopic()
                    + " (run " + id + ", now " + outcome.state().name().toLowerCase(java.util.Locale.ROOT) + ").");
            outcome.warnings().forEach(w -> out.println("Warning: " + w));
        }
        out.flush();
    }
}
