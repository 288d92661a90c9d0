package dev.backtrack.cli;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.time.TimeFormats;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack history}: the record of rewinds and start-up positionings kept on the broker. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List recorded rewinds, undos and start-up positionings, oldest first, each with its id (for "
                + "backtrack undo) and what undid it.")
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
                "MESSAGES", "PATH", "UNDO", "RUN");
        for (HistoryItem e : entries) {
            String undo = e.undoneBy() != null ? "undone by " + e.undoneBy()
                    : e.undoes() != null ? "undoes " + e.undoes() : null;
            table.row(e.id(), TimeFormats.iso(e.appliedAt(), cluster.zoneId()), e.kind(), e.group(), e.topic(),
                    e.requestedTime(), e.actor(), e.messagesToReplay(), e.path(), undo, run(e));
        }
        table.print(out);
        out.println(entries.size() + " entries");
        entries.stream().filter(e -> e.run() != null && e.run().reason() != null
                && e.run().state() != dev.backtrack.core.journal.RunState.RESUMED)
                .forEach(e -> out.println(e.id() + ": run " + e.run().id() + " " + e.run().reason()));
        out.flush();
        return BacktrackCli.OK;
    }

    /** A run's id and its state with this entry, e.g. "7k2m9q4x1bcd paused"; null for entries of no run. */
    private static @org.jspecify.annotations.Nullable String run(HistoryItem e) {
        return e.run() == null ? null : e.run().id() + " " + e.run().state().name().toLowerCase(java.util.Locale.ROOT);
    }
}
