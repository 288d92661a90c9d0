package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.progress.ReplayProgress;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How far a group has replayed what a rewind made it consume again ({@code GET /api/progress?group=G&topic=T} for
 * the latest rewind of the group on the topic, {@code GET /api/progress/ID} for one rewind), from its committed
 * offsets now; successive calls give the rate and the ETA.
 */
@RestController
public class ProgressController {

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;

    /** Reads the journal and offsets of {@code cluster}. */
    public ProgressController(ConsoleCluster cluster, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.inputs = inputs;
    }

    /** The progress of the latest rewind of {@code group} on {@code topic}. */
    @GetMapping(Api.BASE + "/progress")
    public ReplayProgress latest(@RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String topic) {
        String consumerGroup = inputs.group(group);
        String name = inputs.topic(topic);
        JournalEntry rewind = JournalHistory.of(cluster.journalEntries()).latest(JournalKind.REWIND, consumerGroup,
                name).orElseThrow(() -> new NotFoundException("Group '" + consumerGroup + "' has no recorded rewind "
                        + "on topic '" + name + "'; see /api/history"));
        return cluster.progressTracker().sample(rewind);
    }

    /** The progress of the rewind recorded as {@code id}. */
    @GetMapping(Api.BASE + "/progress/{id}")
    public ReplayProgress of(@PathVariable String id) {
        JournalEntry entry = JournalHistory.of(cluster.journalEntries()).byId(id)
                .orElseThrow(() -> new UnknownJournalEntryException(id));
        if (entry.kind() != JournalKind.REWIND) {
            throw new EntryRefusedException("Journal entry " + id + " is a " + entry.kind() + ", not a REWIND; progress is "
                    + "followed for rewinds only");
        }
        return cluster.progressTracker().sample(entry);
    }
}
