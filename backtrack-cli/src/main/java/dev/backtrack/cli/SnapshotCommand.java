package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.snapshot.Snapshot;
import dev.backtrack.core.snapshot.SnapshotOperation;
import dev.backtrack.core.snapshot.SnapshotRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack snapshot}: keeps a group's committed offsets in the journal, to restore them later. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Record the group's committed offsets on every queue of the topics (-t, repeatable; default: "
                + "every topic where the group holds offsets, its retry and dead-letter topics left out) in the "
                + "journal, under a name (--name) or found by the batch id printed. Nothing moves; backtrack restore "
                + "puts the group back there.")
final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, description = "A topic to keep (repeatable). Default: every topic where the "
            + "group holds offsets.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "A name to restore it by, unique for the group: "
            + SnapshotOperation.NAME_FORM + ".")
    String name;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RocketMqNames.requireTopic(journalTopic);
        PrintWriter out = spec.commandLine().getOut();
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            Snapshot snapshot = new SnapshotOperation(connections, connections.admin())
                    .take(new SnapshotRequest(group, topics, name, RewindCommand.actor()));
            if (cluster.json) {
                Output.json(out, snapshot);
                return BacktrackCli.OK;
            }
            out.println("Snapshot " + snapshot.label() + " of group " + group + " recorded (batch id "
                    + snapshot.batch() + "): " + snapshot.queueCount() + " queue(s) on " + snapshot.topics().size()
                    + " topic(s)");
            TablePrinter table = new TablePrinter("TOPIC", "BROKER", "QUEUE", "OFFSET", "ENTRY");
            for (JournalEntry entry : snapshot.entries()) {
                entry.queues().forEach(q -> table.row(entry.topic(), q.broker(), q.queueId(), q.to(), entry.id()));
            }
            table.print(out);
            out.println("Restore it with: backtrack restore " + snapshot.label() + " -g " + group);
            out.flush();
            return BacktrackCli.OK;
        }
    }
}
