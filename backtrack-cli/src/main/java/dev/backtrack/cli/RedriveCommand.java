package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.redrive.DeadLetter;
import dev.backtrack.core.redrive.RedrivePlan;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.WindowReplayResult;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.core.time.TimeFormats;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack redrive}: sends a group's dead letters back to it, once, under the topics they came from. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Send the group's dead letters (the messages of %%DLQ%%GROUP) stored in [FROM, UNTIL) that the "
                + "selection takes back to the group, once, through its retry topic: each arrives under the topic it "
                + "was published to, with its body, keys, tags and user properties; the dead letters stay where they "
                + "are. Shows the plan (counts by topic and tag, the first few) and asks for confirmation unless "
                + "--yes; --dry-run only shows it. Dead letters redriven to the group before are refused unless "
                + "--again.")
final class RedriveCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group whose dead letters to send.")
    String group;

    @Option(names = "--from", defaultValue = "0", paramLabel = "TIME",
            description = "First store time of the dead letters (included), in the forms of --until "
                    + "(default: the oldest kept).")
    String from;

    @Option(names = "--until", defaultValue = "now", paramLabel = "TIME",
            description = "End of the window (excluded): " + TimeExpressionParser.ACCEPTED_FORMS
                    + " (default: ${DEFAULT-VALUE}).")
    String until;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Only dead letters whose tag this expression takes ('*', 'a || b'; default: every tag).")
    String tags;

    @Option(names = "--keys", paramLabel = "KEY,...",
            description = "Only dead letters carrying at least one of these message keys, joined by ','.")
    String keys;

    @Option(names = "--filter", paramLabel = "SQL92",
            description = "Only dead letters this RocketMQ SQL92 expression selects over their user properties and "
                    + "TAGS, e.g. \"region = 'eu' AND amount > 100\".")
    String filter;

    @Mixin
    SendOptions send;

    @Spec
    CommandSpec spec;

    /** The JSON document: the plan, and what was done. */
    record RedriveDocument(String group, String deadLetterTopic, long from, long until, String selection,
            boolean dryRun, long deadLettersInWindow, long deadLettersToSend, long leftOut,
            Map<String, Map<String, Long>> byTopicAndTag, List<DeadLetter> first, @Nullable Long redriven,
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
        long fromMillis = parser.toEpochMillis(from);
        long untilMillis = parser.toEpochMillis(until);
        MessageSelection selection = MessageSelection.of(tags, keys, filter);
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), send.journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            RedriveOperation redrives = new RedriveOperation(connections, connections.admin());
            RedrivePlan plan = redrives.plan(group, fromMillis, untilMillis, selection, "--tags");
            if (!cluster.json) {
                printPlan(out, plan);
            }
            if (send.dryRun) {
                print(out, plan, null);
                return BacktrackCli.OK;
            }
            redrives.refuseIfRedrivenBefore(plan, send.again, SendOptions.AGAIN);
            if (!send.confirmed(err, plan.matching(), "Redrive " + plan.matching() + " dead letters to group "
                    + group + "?", "redriven")) {
                return BacktrackCli.FAILED;
            }
            ReplayOutcome outcome = redrives.apply(plan, send.again, SendOptions.AGAIN, RewindCommand.actor(),
                    policy, SendOptions.announcer(out, err, cluster.json, "redrive"));
            print(out, plan, outcome);
            return SendOptions.exitCode(err, outcome, plan.matching(), "redrive");
        }
    }

    private void printPlan(PrintWriter out, RedrivePlan plan) {
        var zone = cluster.zoneId();
        var window = plan.window().window();
        out.println("Redrive plan: group " + plan.group() + ", dead letters of " + window.topic() + " stored in ["
                + TimeFormats.iso(window.from(), zone) + ", " + TimeFormats.iso(window.until(), zone) + "), "
                + plan.window().selection().describe());
        TablePrinter counts = new TablePrinter("TOPIC", "TAG", "DEAD LETTERS");
        plan.byTopicAndTag().forEach((topic, byTag) -> byTag.forEach((tag, count) ->
                counts.row(topic, tag.isEmpty() ? "(none)" : tag, count)));
        counts.row("TOTAL", null, plan.matching());
        counts.print(out);
        out.println("Left out by the selection: " + plan.filteredOut() + " of " + plan.window().stored()
                + " dead letters in the window.");
        if (!plan.first().isEmpty()) {
            out.println("The first " + plan.first().size() + ":");
            TablePrinter first = new TablePrinter("STORED", "TOPIC", "TAGS", "KEYS", "FAILED", "MESSAGE ID",
                    "BODY");
            for (DeadLetter d : plan.first()) {
                var m = d.message();
                first.row(TimeFormats.iso(m.storeTime(), zone), d.originalTopic(), m.tags(), m.keys(),
                        d.reconsumeTimes(), m.msgId(), abbreviated(m.body().text()));
            }
            first.print(out);
        }
        out.flush();
    }

    private static String abbreviated(String body) {
        String line = body.replaceAll("\\s+", " ");
        return line.length() <= 40 ? line : line.substring(0, 39) + "…";
    }

    private void print(PrintWriter out, RedrivePlan plan, @Nullable ReplayOutcome outcome) {
        WindowReplayResult result = outcome == null ? null : outcome.result();
        List<String> warnings = outcome == null ? List.of() : outcome.warnings();
        if (cluster.json) {
            var window = plan.window().window();
            Output.json(out, new RedriveDocument(plan.group(), window.topic(), window.from(), window.until(),
                    plan.window().selection().describe(), result == null, plan.window().stored(), plan.matching(),
                    plan.filteredOut(), plan.byTopicAndTag(), plan.first(),
                    result == null ? null : result.replayed(), result == null ? null : result.retryTopic(),
                    result == null ? List.of() : result.retryOffsetsSet(), warnings,
                    outcome == null ? null : outcome.runId(), outcome == null ? null : outcome.state(),
                    outcome == null ? null : outcome.canary()));
            return;
        }
        if (outcome == null) {
            out.println("Dry run: nothing sent.");
        } else {
            SendOptions.printCanary(out, outcome.canary(), plan.group());
            out.println("Redrove " + result.replayed() + " dead letters into " + result.retryTopic()
                    + "; the dead letters stay in " + plan.window().window().topic() + "."
                    + (result.retryOffsetsSet().isEmpty() ? ""
                            : " The group is offline: it reads them when it starts (retry queue offsets set and read "
                                    + "back: " + result.retryOffsetsSet() + ")."));
        }
        warnings.forEach(w -> out.println("Warning: " + w));
        out.flush();
    }
}
