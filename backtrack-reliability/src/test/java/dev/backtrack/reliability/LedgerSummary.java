package dev.backtrack.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario run as RELIABILITY.md reports it: logged as one line and appended as a table row to
 * {@code target/reliability-ledger.md}.
 *
 * @param scenario the scenario's name
 * @param load what was produced and how
 * @param fault what was done to the system
 * @param counts the ledger's counts
 * @param duplicatePositionings journal entries beyond the first for the same (kind, group, topic, time)
 * @param path how the rewind reached the consumers (IN_PROCESS, BROKER_RESET, ...)
 * @param note the rewind answer's note
 */
record LedgerSummary(String scenario, String load, String fault, Counts counts, int duplicatePositionings,
        String path, String note) {

    private static final Logger log = LoggerFactory.getLogger(LedgerSummary.class);
    static final Path REPORT = Path.of("target", "reliability-ledger.md");

    /**
     * What the ledger counted.
     *
     * @param produced messages stored by the producer
     * @param expectedAfterT produced messages stored at or after T
     * @param consumedAfterT of those, received at or after the rewind was requested
     * @param lost produced messages never received, or stored at or after T and not received after the rewind
     * @param wronglyReplayed messages stored before T received again after the rewind was answered
     * @param notReplayed messages stored at or after T, received before the rewind and not again after it
     * @param duplicatesDelivered deliveries beyond the expected ones: once, or twice when stored at or after T and
     *     received before the rewind was answered
     * @param idsDeliveredMoreThanExpected distinct messages with such extra deliveries
     */
    record Counts(int produced, int expectedAfterT, int consumedAfterT, int lost, int wronglyReplayed,
            int notReplayed, int duplicatesDelivered, int idsDeliveredMoreThanExpected) {
    }

    /** Logs the summary and appends its row to the report. */
    LedgerSummary report() {
        String row = "| " + String.join(" | ", scenario, load, fault, Integer.toString(counts.produced()),
                counts.consumedAfterT() + " / " + counts.expectedAfterT(), Integer.toString(counts.lost()),
                Integer.toString(counts.wronglyReplayed()), Integer.toString(duplicatePositionings),
                counts.duplicatesDelivered() + " (" + counts.idsDeliveredMoreThanExpected() + " ids)", path,
                passed() ? "pass" : "FAIL", Instant.now().toString()) + " |";
        log.info("LEDGER {} | produced {} | consumed after T {}/{} | lost {} | wrongly replayed {} | not replayed {} "
                + "| duplicate positionings {} | duplicates delivered {} ({} ids) | path {} | note: {}", scenario,
                counts.produced(), counts.consumedAfterT(), counts.expectedAfterT(), counts.lost(),
                counts.wronglyReplayed(), counts.notReplayed(), duplicatePositionings, counts.duplicatesDelivered(),
                counts.idsDeliveredMoreThanExpected(), path, note);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, row + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Cannot append to {}: {}", REPORT, e.toString());
        }
        return this;
    }

    /** Nothing lost, nothing wrongly replayed, no positioning applied twice. */
    boolean passed() {
        return counts.lost() == 0 && counts.wronglyReplayed() == 0 && duplicatePositionings == 0
                && counts.consumedAfterT() == counts.expectedAfterT();
    }
}
