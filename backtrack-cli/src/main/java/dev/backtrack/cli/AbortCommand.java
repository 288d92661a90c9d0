package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.operation.RunOperation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack abort ID}: ends a paused, failed or stopped replay or redrive for good. */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Abort the replay or redrive run ID: it is recorded as aborted, with you as the actor, and can "
                + "no longer be resumed; what it sent stays sent. A run that finished or was aborted is refused "
                + "(exit 1).")
final class AbortCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
    String id;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of replays and redrives (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    /** The JSON document. */
    record AbortDocument(String runId, String state, String group, String topic, String abortedBy, long at) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RocketMqNames.requireTopic(journalTopic);
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            JournalEntry aborted = new RunOperation(connections, connections.admin()).abort(id, RewindCommand.actor());
            if (cluster.json) {
                Output.json(out, new AbortDocument(id, aborted.run().state().name(), aborted.group(),
                        aborted.topic(), aborted.actor(), aborted.appliedAt()));
            } else {
                out.println("Run " + id + " (" + aborted.topic() + " to group " + aborted.group() + ") aborted: it "
                        + "will not be resumed; what it sent stays sent.");
            }
            out.flush();
            return BacktrackCli.OK;
        }
    }
}
