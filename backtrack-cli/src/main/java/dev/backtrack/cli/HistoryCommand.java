package dev.backtrack.cli;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.time.TimeFormats;
import java.io.PrintWriter;
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

/** {@code backtrack history}: the record of rewinds, positionings, snapshots and exports kept on the broker. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List recorded rewinds, undos, start-up positionings, snapshots and exports, oldest first, each "
                + "with its id (for backtrack undo), its batch id (shared by the entries of one operation on several "
                + "topics) and what undid it; then the snapshots (for backtrack restore) and exports.")
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-g", "--group"}, description = "Only this consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, description = "Only this topic.")
    String topic;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RocketMqNames.requireTopic(journalTopic);
        if (group != null) {
            RocketMqNames.requireGroup(group);
        }
        if (topic != null) {
            RocketMqNames.requireTopic(topic);
        }
        AdminSettings settings = cluster.settings();
        try (RocketMqAdmin admin = new RocketMqAdmin(settings)) {
            admin.requireReachable();
        }
        List<HistoryItem> entries;
        try (RewindJournal journal = new RewindJournal(cluster.nameServer, RocketMqAdmin.rpcHook(settings),
                journalTopic)) {
            entries = JournalHistory.of(journal.entries()).items().stream()
                    .filter(e -> group == null || e.group().equals(group))
                    .filter(e -> topic == null || e.topic().equals(topic)).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cluster.json) {
            Output.json(out, entries);
            return BacktrackCli.OK;
        }
        TablePrinter table = new TablePrinter("ID", "APPLIED AT", "KIND", "GROUP", "TOPIC", "REQUESTED", "ACTOR",
                "MESSAGES", "PATH", "UNDO", "BATCH", "RUN");
        for (HistoryItem e : entries) {
            String undo = e.undoneBy() != null ? "undone by " + e.undoneBy()
                    : e.undoes() != null ? "undoes " + e.undoes() : null;
            table.row(e.id(), TimeFormats.iso(e.appliedAt(), cluster.zoneId()), e.kind(), e.group(), e.topic(),
                    e.requestedTime(), e.actor(), e.messagesToReplay(), e.path(), undo, e.batch(), run(e));
        }
        table.print(out);
        out.println(entries.size() + " entries");
        printBatches(out, entries, JournalKind.SNAPSHOT, "Snapshots (backtrack restore NAME|BATCH):", "NAME");
        printBatches(out, entries, JournalKind.EXPORT, "Exports:", "FILE");
        entries.stream().filter(e -> e.run() != null && e.run().reason() != null
                && e.run().state() != dev.backtrack.core.journal.RunState.RESUMED)
                .forEach(e -> out.println(e.id() + ": run " + e.run().id() + " " + e.run().reason()));
        out.flush();
        return BacktrackCli.OK;
    }

    /**
     * The entries of {@code kind} grouped by batch, one line each: its name (a snapshot's) or file (an export's),
     * batch id, group, time, topics and how many queues.
     */
    private void printBatches(PrintWriter out, List<HistoryItem> entries, JournalKind kind, String heading,
            String label) {
        Map<String, List<HistoryItem>> batches = new LinkedHashMap<>();
        entries.stream().filter(e -> e.kind() == kind)
                .forEach(e -> batches.computeIfAbsent(e.batch() != null ? e.batch() : e.id(), b -> new ArrayList<>())
                        .add(e));
        if (batches.isEmpty()) {
            return;
        }
        out.println(heading);
        TablePrinter table = new TablePrinter(label, "BATCH", "GROUP", "AT", "ACTOR", "TOPICS", "QUEUES");
        batches.forEach((batch, items) -> {
            HistoryItem first = items.get(0);
            String named = kind == JournalKind.SNAPSHOT ? first.name()
                    : first.requestedTime().replaceFirst("^export ", "");
            table.row(named, batch, first.group(), TimeFormats.iso(first.appliedAt(), cluster.zoneId()), first.actor(),
                    String.join(",", items.stream().map(HistoryItem::topic).toList()),
                    items.stream().mapToInt(i -> i.queues().size()).sum());
        });
        table.print(out);
    }

    /** A run's id and its state with this entry, e.g. "7k2m9q4x1bcd paused"; null for entries of no run. */
    private static @org.jspecify.annotations.Nullable String run(HistoryItem e) {
        return e.run() == null ? null : e.run().id() + " " + e.run().state().name().toLowerCase(java.util.Locale.ROOT);
    }
}
