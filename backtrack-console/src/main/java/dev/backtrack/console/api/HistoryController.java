package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The journal's record of position changes, newest first ({@code GET /api/history}). */
@RestController
public class HistoryController {

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;

    /** Reads the journal of {@code cluster}. */
    public HistoryController(ConsoleCluster cluster, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.inputs = inputs;
    }

    /** The entries of {@code group} and {@code topic} when given (each optional), newest first. */
    @GetMapping(Api.BASE + "/history")
    public List<JournalViews.HistoryRow> history(@RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String topic) {
        String onlyGroup = inputs.optionalGroup(group);
        String onlyTopic = topic == null || topic.isBlank() ? null : inputs.topic(topic);
        JournalHistory history = JournalHistory.of(cluster.journalEntries());
        List<JournalEntry> entries = new ArrayList<>(history.oldestFirst());
        entries.sort(Comparator.comparingLong(JournalEntry::appliedAt).reversed());
        return entries.stream()
                .filter(e -> onlyGroup == null || e.group().equals(onlyGroup))
                .filter(e -> onlyTopic == null || e.topic().equals(onlyTopic))
                .map(e -> JournalViews.row(e, e.id() == null ? null : history.undoneBy(e.id()).orElse(null)))
                .toList();
    }
}
