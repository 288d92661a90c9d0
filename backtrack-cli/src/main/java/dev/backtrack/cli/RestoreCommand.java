package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.snapshot.RestoreOperation;
import dev.backtrack.core.snapshot.RestorePlan;
import dev.backtrack.core.snapshot.Snapshot;
import dev.backtrack.core.time.TimeFormats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack restore NAME|ID}: puts a group back at the offsets a snapshot kept. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put the group back at the committed offsets the snapshot NAME or ID kept (see backtrack "
                + "snapshot and backtrack history), on every topic it kept: each topic planned and checked before "
                + "anything moves, moved like a rewind (in place for instances with the starter), read back, and "
                + "recorded as a rewind of one batch. An offset no longer retained is clamped, with a note. Shows the "
                + "plan (what each queue replays or skips) and asks for confirmation unless --yes; --dry-run only "
                + "shows the plan.")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The snapshot's name, or its batch id.")
    String snapshot;

    @Option(names = {"-g", "--group"}, description = "The group whose snapshot NAME is (needed when groups share the "
            + "name).")
    String group;

    @Mixin
    MoveOptions move;

    @Option(names = PartialRewinds.ALLOW_PARTIAL,
            description = "Restore even when brokers that held queues of a topic are missing from its route: only the "
                    + "queues of the brokers present move.")
    boolean allowPartial;

    @Spec
    CommandSpec spec;

    BufferedReader input;

    @Override
    public Integer call() throws IOException {
        RocketMqNames.requireTopic(move.journalTopic);
        RocketMqNames.requireTopic(move.controlTopic);
        if (group != null) {
            RocketMqNames.requireGroup(group);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), move.journalTopic,
                move.controlTopic, !move.dryRun, move.ackTimeout)) {
            RestoreOperation restores = new RestoreOperation(connections, OperationObserver.NONE);
            RestorePlan restore = restores.plan(snapshot, group);
            Snapshot kept = restore.snapshot();
            String heading = "Restore of snapshot " + kept.label() + " (batch " + kept.batch() + ", taken "
                    + TimeFormats.iso(kept.takenAt(), cluster.zoneId()) + " by " + kept.actor() + ")";
            return new TopicPlansRun(cluster, move, input).run(out, err, heading, restore.plans(), allowPartial,
                    plans -> restores.apply(restore, RewindCommand.actor(), allowPartial,
                            PartialRewinds.ALLOW_PARTIAL));
        }
    }
}
