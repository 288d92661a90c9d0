package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.time.TimeExpressionParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack rewind}: moves a group to a time, offsets, by a shift or to another group's offsets, and records it. */
@Command(name = "rewind", mixinStandardHelpOptions = true,
        description = "Move the group so that it consumes again every message stored at or after a time (--to), or to "
                + "offsets (--to-offset), by a number of messages (--shift-by) or to another group's offsets "
                + "(--to-group-of), optionally on some queues only (--queue), optionally consuming the replayed messages "
                + "at a rate (--rate); or to the offsets of a file (--from-file, on the topics it names). Shows the "
                + "plan and asks for "
                + "confirmation unless --yes; --dry-run only shows the plan. Refused (exit 1) when brokers that "
                + "held queues of the topic are missing from its route, unless --allow-partial. --all-groups (with -t) "
                + "rewinds every group of the topic, --all-topics (with -g) the group on every topic it consumes, all "
                + "or nothing (or --skip-refused), recorded under one batch id that backtrack undo takes.")
final class RewindCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    RewindTargetOptions target;

    @Mixin
    PositionOptions position;

    @Mixin
    MoveOptions move;

    @Option(names = PartialRewinds.ALLOW_PARTIAL,
            description = "Rewind even when brokers that held queues of the topic are missing from its route (down): "
                    + "only the queues of the brokers present move, and the output names those that did not.")
    boolean allowPartial;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Consume the replayed messages at most this many a second across the group (each instance "
                    + "its share by the queues it holds), then new messages at full speed: N or N/s, or N/m per "
                    + "minute. Applies to instances with the Backtrack starter only; others consume at full speed "
                    + "(the output warns). Default: full speed.")
    String rate;

    @Mixin
    FollowOptions follow;

    @Spec
    CommandSpec spec;

    BufferedReader input;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RocketMqNames.requireTopic(move.journalTopic);
        RocketMqNames.requireTopic(move.controlTopic);
        if (position.file() != null) {
            return new FromFileRewind(cluster, move, input).run(out, err, target, position, allowPartial, rate,
                    follow.follow);
        }
        BatchRewindRequest.Scope batch = target.scope();
        TimeExpressionParser parser = cluster.parser();
        PositionRequest request = position.request(parser);
        Set<QueueRef> queues = position.selectedQueues();
        SendRate consumeRate = SendRate.parse(rate);
        if (batch != null) {
            PlanCommand.requireAllQueues(queues);
            if (follow.follow) {
                throw new UsageException("--follow follows one rewind; it cannot be used with --all-groups or "
                        + "--all-topics (follow each group with backtrack rewind -g GROUP -t TOPIC --follow).");
            }
        }
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), move.journalTopic,
                move.controlTopic, !move.dryRun, move.ackTimeout)) {
            if (batch != null) {
                return new BatchRewinds(connections, connections.admin(), cluster.json, parser.zone()).rewind(out, err,
                        new BatchRewindRequest(batch, request, target.skipRefused, allowPartial, actor(),
                                PartialRewinds.ALLOW_PARTIAL, RewindTargetOptions.SKIP_REFUSED, consumeRate),
                        move, input);
            }
            RewindOperation rewinds = new RewindOperation(connections, OperationObserver.NONE);
            CheckedPlan checked = rewinds.plan(target.group, target.topic, request, queues);
            RewindPlan plan = checked.plan();
            BrokerCoverage coverage = checked.coverage();
            long timestamp = plan.requestedTimestamp();
            if (!cluster.json) {
                PlanView.print(out, plan, parser.zone());
                PartialRewinds.printWarning(out, plan, coverage);
            }
            if (move.dryRun) {
                print(out, new RewindResult(target.group, target.topic, timestamp, true, null, "dry run: nothing changed",
                        plan.queues(), plan.messagesToReplay(), plan.messagesToSkip(), null, List.of(), List.of(),
                        !coverage.complete(), coverage.missingBrokers(), List.of(), plan.position(),
                        plan.otherGroup(), plan.untouchedQueues(), plan.notes(), null));
                return BacktrackCli.OK;
            }
            String actor = actor();
            RewindRequest rewind = new RewindRequest(target.group, target.topic, request, queues, false, allowPartial,
                    actor, PartialRewinds.ALLOW_PARTIAL, consumeRate);
            if (coverage.complete() || allowPartial) {
                if (!confirmed(err, plan, coverage, consumeRate)) {
                    err.println("Not confirmed: nothing changed (use --yes to skip the question).");
                    err.flush();
                    return BacktrackCli.FAILED;
                }
            }
            RewindOutcome done = rewinds.apply(checked, rewind);
            FleetRewind outcome = Objects.requireNonNull(done.applied());
            AppliedRewind applied = outcome.applied();
            JournalEntry entry = Objects.requireNonNull(done.entry());
            RewindResult result = new RewindResult(target.group, target.topic, timestamp, false,
                    applied.path().name(), outcome.note(), plan.queues(), plan.messagesToReplay(),
                    plan.messagesToSkip(), applied.verifiedOffsets(), outcome.acknowledgements(),
                    outcome.silentClients(), !coverage.complete(), coverage.missingBrokers(), done.warnings(),
                    plan.position(), plan.otherGroup(), plan.untouchedQueues(), plan.notes(),
                    entry.id());
            print(out, result);
            return follow.follow ? new ProgressFollower(connections.admin(), follow.timeout,
                    ProgressRenderer.forOutput(cluster.json)).follow(entry, out, err) : BacktrackCli.OK;
        }
    }

    private boolean confirmed(PrintWriter err, RewindPlan plan, BrokerCoverage coverage, SendRate consumeRate)
            throws IOException {
        return move.confirmed(err, input, "Rewind group " + plan.group() + " on topic " + plan.topic() + ": "
                + plan.messagesToReplay() + " messages will be replayed"
                + (consumeRate.limited() ? " at most " + consumeRate.describe() + " across the group" : "")
                + (coverage.complete() ? ""
                        : "; PARTIAL: not on " + String.join(", ", coverage.missingBrokerNames())) + ". Proceed?");
    }

    /** Who runs the CLI, as recorded in the journal: {@code user@host (backtrack CLI)}. */
    static String actor() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " (backtrack CLI)";
    }

    private void print(PrintWriter out, RewindResult result) {
        if (cluster.json) {
            if (follow.follow) {
                Output.jsonLine(out, result); // a stream of JSON lines follows
            } else {
                Output.json(out, result);
            }
            return;
        }
        if (result.dryRun()) {
            out.println("Dry run: nothing changed.");
        } else if (result.partial()) {
            out.println("Rewound PARTIALLY (" + result.path() + "): " + result.note() + ". Moved and read back:");
            PartialRewinds.printMoves(out, new RewindPlan(result.group(), result.topic(), result.requestedTimestamp(),
                    result.queues(), result.messagesToReplay(), result.messagesToSkip(), false, null, false),
                    result.verifiedOffsets());
            result.notMovedBrokers().forEach(b -> out.println("  NOT moved: broker " + b.describe()
                    + "; its queues keep their offsets"));
        } else {
            out.println("Rewound (" + result.path() + "): " + result.note() + ". Verified on every broker: "
                    + result.verifiedOffsets());
            out.println("Journal id: " + result.id() + " (backtrack undo " + result.id() + " puts the offsets back)");
            result.acknowledgements().forEach(ack -> out.println("  acknowledged by " + ack.instance() + " ("
                    + ack.clientId() + "): " + ack.queuesMoved()));
            result.silentClients().forEach(client -> out.println("  no answer from " + client));
        }
        printWarnings(out, result.warnings());
    }

    private static void printWarnings(PrintWriter out, List<String> warnings) {
        warnings.forEach(warning -> out.println("Warning: " + warning));
        out.flush();
    }
}
