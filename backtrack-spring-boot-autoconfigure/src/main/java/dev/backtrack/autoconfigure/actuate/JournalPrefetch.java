package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The journal's entries, read on a thread of its own from the moment this is created, so that a request plans while
 * the journal is read; {@link #get} waits for them and fails as the read failed.
 */
final class JournalPrefetch implements Supplier<List<JournalEntry>> {

    private final FutureTask<List<JournalEntry>> read;

    JournalPrefetch(Supplier<List<JournalEntry>> reader) {
        read = new FutureTask<>(reader::get);
        Thread thread = new Thread(read, "backtrack-journal-read");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<JournalEntry> get() {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new JournalException("Cannot read the journal: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while reading the journal", e);
        }
    }
}
