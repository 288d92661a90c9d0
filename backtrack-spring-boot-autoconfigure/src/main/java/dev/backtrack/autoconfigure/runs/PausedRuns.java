package dev.backtrack.autoconfigure.runs;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paused runs of window replays and redrives, as the journal says (a run whose latest entry is PAUSED), for the
 * {@code backtrack.runs.paused} gauge and the health contributor. The journal is read when asked, at most once per
 * {@code maxAge}, and again at the next ask after {@link #forget()} (which the endpoint calls after each run it
 * starts, resumes or aborts): reading a gauge or the health does not read the whole journal each time.
 */
public class PausedRuns {

    /** How long a reading of the journal serves when nothing else is said. */
    public static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PausedRuns.class);

    private final Supplier<List<JournalEntry>> journal;
    private final long maxAgeNanos;
    private @Nullable Reading latest;
    private long readAt;

    /** Reads the journal's entries (oldest first) from {@code journal}, at most once per {@code maxAge}. */
    public PausedRuns(Supplier<List<JournalEntry>> journal, Duration maxAge) {
        this.journal = journal;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * What the journal said when last read: the paused runs, oldest pause first, or why the journal could not be read.
     *
     * @param runs the paused runs; empty when the journal could not be read
     * @param failure why the journal could not be read; null when it was
     */
    public record Reading(List<PausedRun> runs, @Nullable String failure) {

        /** Copies the list. */
        public Reading {
            runs = List.copyOf(runs);
        }

        /** How many runs are paused; NaN when the journal could not be read. */
        public double count() {
            return failure == null ? runs.size() : Double.NaN;
        }
    }

    /** The paused runs, read again when the last reading is older than the maximum age or was forgotten. */
    public synchronized Reading read() {
        Reading current = latest;
        if (current == null || System.nanoTime() - readAt > maxAgeNanos) {
            current = readJournal();
            latest = current;
            readAt = System.nanoTime();
        }
        return current;
    }

    /** Forgets the last reading: a run may have started, paused or ended. */
    public synchronized void forget() {
        latest = null;
    }

    /** The runs among {@code entries} (oldest first) whose latest entry says they paused, oldest pause first. */
    public static List<PausedRun> of(List<JournalEntry> entries) {
        Map<String, JournalEntry> latest = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry.run() != null) {
                latest.remove(entry.run().id());
                latest.put(entry.run().id(), entry);
            }
        }
        List<PausedRun> paused = new ArrayList<>();
        latest.forEach((id, entry) -> {
            if (entry.run().state() == RunState.PAUSED) {
                paused.add(new PausedRun(id, entry.group(), entry.topic(), entry.run().reason(), entry.appliedAt()));
            }
        });
        return paused;
    }

    private Reading readJournal() {
        try {
            return new Reading(of(journal.get()), null);
        } catch (RuntimeException e) {
            log.debug("Backtrack: cannot read the journal for paused runs: {}", e.getMessage());
            return new Reading(List.of(), String.valueOf(e.getMessage()));
        }
    }
}
