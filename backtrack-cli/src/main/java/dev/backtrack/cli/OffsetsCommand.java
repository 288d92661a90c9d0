package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.snapshot.ExportOperation;
import dev.backtrack.core.snapshot.GroupOffsets;
import dev.backtrack.core.snapshot.OffsetsCsv;
import dev.backtrack.core.time.TimeFormats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack offsets}: where the group stands on every queue, or its committed offsets written to a file. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = "Show, per queue, the group's committed offset, min and max offsets, lag, and the store time "
                + "of the message at the committed offset. With --export FILE, write the group's committed offsets "
                + "(on the topics given, default every topic it consumes) to FILE as CSV (header "
                + OffsetsCsv.HEADER + ", one row per queue) for backtrack rewind --from-file, and record the export.")
final class OffsetsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, description = "Topic (one, required without --export; with --export "
            + "repeatable, default every topic where the group holds offsets).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--export", paramLabel = "FILE", description = "Write the committed offsets to FILE (replaced "
            + "when it exists) as CSV, and record the export in the journal.")
    String export;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of an export (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (export != null) {
            return export(out);
        }
        if (topics.size() != 1) {
            throw new UsageException((topics.isEmpty() ? "Missing required option: '--topic=<topic>'"
                    : "Give one topic, not " + topics.size()) + "; accepted: -t TOPIC (several only with --export)");
        }
        String topic = topics.get(0);
        try (RocketMqAdmin admin = cluster.connect()) {
            List<QueueOffsets> offsets = new OffsetsReader(admin).read(group, topic);
            long lag = offsets.stream().mapToLong(QueueOffsets::lag).sum();
            if (cluster.json) {
                Output.json(out, Map.of("group", group, "topic", topic, "queues", offsets, "lag", lag));
                return BacktrackCli.OK;
            }
            out.println("Offsets: group " + group + ", topic " + topic);
            TablePrinter table = new TablePrinter("BROKER", "QUEUE", "COMMITTED", "MIN", "MAX", "LAG",
                    "STORE TIME AT COMMITTED");
            for (QueueOffsets q : offsets) {
                table.row(q.broker(), q.queueId(), q.committedOffset(), q.minOffset(), q.maxOffset(), q.lag(),
                        q.committedStoreTimestamp() == null ? null
                                : TimeFormats.iso(q.committedStoreTimestamp(), cluster.zoneId()));
            }
            table.row("TOTAL", null, null, null, null, lag, null);
            table.print(out);
        }
        return BacktrackCli.OK;
    }

    /** Writes the file, then records the export; a file that cannot be written is a usage error, nothing recorded. */
    private int export(PrintWriter out) {
        RocketMqNames.requireTopic(journalTopic);
        Path file = Path.of(export);
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), journalTopic,
                ControlChannel.DEFAULT_TOPIC, false, Duration.ZERO)) {
            ExportOperation exports = new ExportOperation(connections, connections.admin());
            GroupOffsets offsets = exports.read(group, topics);
            try {
                Files.writeString(file, OffsetsCsv.write(offsets), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("Cannot write " + file + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); nothing was recorded. "
                        + "Accepted: a file path in a writable directory");
            }
            List<JournalEntry> entries = exports.record(offsets, String.valueOf(file.getFileName()),
                    RewindCommand.actor());
            if (cluster.json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("group", group);
                document.put("file", file.toString());
                document.put("batch", entries.get(0).batch());
                document.put("topics", offsets.offsets().keySet());
                document.put("rows", offsets.queueCount());
                document.put("entries", entries);
                Output.json(out, document);
            } else {
                out.println("Exported " + offsets.queueCount() + " queue(s) of group " + group + " on topic(s) "
                        + String.join(", ", offsets.offsets().keySet()) + " to " + file + " (recorded as batch "
                        + entries.get(0).batch() + ")");
                out.flush();
            }
            return BacktrackCli.OK;
        }
    }
}
