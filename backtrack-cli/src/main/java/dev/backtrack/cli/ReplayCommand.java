package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowReplayResult;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.core.time.TimeFormats;
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
import picocli.CommandLine.Spec;

/** {@code backtrack replay}: delivers the messages stored in a time window to one group again, its offsets left alone. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Deliver again to the group, once, every message of the topic stored in [FROM, UNTIL) that "
                + "matches its subscription, through its retry topic: its committed offsets do not move and it keeps "
                + "consuming new messages. Shows the plan and asks for confirmation unless --yes; --dry-run only "
                + "shows it. A window whose messages were replayed to the group before is refused unless --again.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    GroupTopicOptions target;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "First store time of the window (included): " + TimeExpressionParser.ACCEPTED_FORMS + ".")
    String from;

    @Option(names = "--until", required = true, paramLabel = "TIME",
            description = "End of the window (excluded), in the same forms.")
    String until;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "The group's tag expression ('*', 'a || b'): needed when no consumer of the group is online; "
                    + "when one is, its subscription is used and --tags must agree with it.")
    String tags;

    @Mixin
    SendOptions send;

    @Spec
    CommandSpec spec;

    /** The JSON document: the plan, and what was done. */
    record ReplayDocument(String group, String topic, long from, long until, String tags, String tagsFrom,
            boolean dryRun, List<dev.backtrack.core.replay.WindowQueue> queues, long messagesInWindow,
            long messagesToReplay, long filteredOut, List<String> historyGone, @Nullable Long replayed,
            @Nullable String retryTopic, List<String> retryOffsetsSet, List<String> warnings, @Nullable String runId,
            @Nullable RunState state, @Nullable CanaryVerdict canary) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RocketMqNames.requireTopic(send.journalTopic);
        SendPolicy policy = send.policy();
        TimeExpressionParser parser = cluster.parser();
        ReplayWindow window = new ReplayWindow(target.group, target.topic, parser.toEpochMillis(from),
                parser.toEpochMillis(until));
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), send.journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            ReplayOperation replays = new ReplayOperation(connections, connections.admin());
            WindowPlan plan = replays.plan(window, GivenTags.option(tags));
            if (!cluster.json) {
                printPlan(out, plan);
            }
            if (send.dryRun) {
                print(out, plan, null);
                return BacktrackCli.OK;
            }
            replays.refuseIfReplayedBefore(plan, send.again, SendOptions.AGAIN);
            if (!send.confirmed(err, plan.matching(), "Replay " + plan.matching() + " messages of topic "
                    + plan.window().topic() + " to group " + plan.window().group() + "?", "replayed")) {
                return BacktrackCli.FAILED;
            }
            ReplayOutcome outcome = replays.apply(plan, send.again, SendOptions.AGAIN, RewindCommand.actor(),
                    policy, SendOptions.announcer(out, err, cluster.json, "replay"));
            print(out, plan, outcome);
            return SendOptions.exitCode(err, outcome, plan.matching(), "replay");
        }
    }

    private void printPlan(PrintWriter out, WindowPlan plan) {
        var zone = cluster.zoneId();
        out.println("Window replay plan: group " + plan.window().group() + ", topic " + plan.window().topic()
                + ", stored in [" + TimeFormats.iso(plan.window().from(), zone) + ", "
                + TimeFormats.iso(plan.window().until(), zone) + "), tags '" + plan.target().filter().expression()
                + "' (from " + plan.target().filterSource() + ")");
        TablePrinter table = new TablePrinter("BROKER", "QUEUE", "BEGIN", "END", "IN WINDOW", "REPLAY",
                "FILTERED OUT", "HISTORY");
        for (var q : plan.queues()) {
            table.row(q.broker(), q.queueId(), q.beginOffset(), q.endOffset(), q.stored(), q.matching(),
                    q.filteredOut(), q.historyGone() ? "gone before " + TimeFormats.iso(q.earliestRetained(), zone)
                            : "kept");
        }
        table.row("TOTAL", null, null, null, plan.stored(), plan.matching(), plan.filteredOut(), null);
        table.print(out);
        out.println("Not replayed: " + plan.filteredOut() + " filtered out by tags" + (plan.historyGone().isEmpty()
                ? "; no history gone" : "; history gone on " + plan.historyGone().stream()
                        .map(q -> q.broker() + "/" + q.queueId()).toList() + " (messages deleted by retention)"));
        out.flush();
    }

    private void print(PrintWriter out, WindowPlan plan, @Nullable ReplayOutcome outcome) {
        WindowReplayResult result = outcome == null ? null : outcome.result();
        List<String> warnings = outcome == null ? List.of() : outcome.warnings();
        if (cluster.json) {
            Output.json(out, new ReplayDocument(plan.window().group(), plan.window().topic(), plan.window().from(),
                    plan.window().until(), plan.target().filter().expression(), plan.target().filterSource(),
                    result == null, plan.queues(), plan.stored(), plan.matching(), plan.filteredOut(),
                    plan.historyGone().stream().map(q -> q.broker() + "/" + q.queueId()).toList(),
                    result == null ? null : result.replayed(), result == null ? null : result.retryTopic(),
                    result == null ? List.of() : result.retryOffsetsSet(), warnings,
                    outcome == null ? null : outcome.runId(), outcome == null ? null : outcome.state(),
                    outcome == null ? null : outcome.canary()));
            return;
        }
        if (outcome == null) {
            out.println("Dry run: nothing changed.");
        } else {
            SendOptions.printCanary(out, outcome.canary(), plan.window().group());
            out.println("Replayed " + result.replayed() + " messages into " + result.retryTopic() + "; the group's "
                    + "offsets on " + plan.window().topic() + " were not moved."
                    + (result.retryOffsetsSet().isEmpty() ? ""
                            : " The group is offline: it reads them when it starts (retry queue offsets set and read "
                                    + "back: " + result.retryOffsetsSet() + ")."));
        }
        warnings.forEach(w -> out.println("Warning: " + w));
        out.flush();
    }

}
