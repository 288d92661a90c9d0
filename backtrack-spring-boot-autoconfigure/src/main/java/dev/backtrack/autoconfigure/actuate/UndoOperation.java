package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.undo.RewindUndoer;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoRefusedException;
import dev.backtrack.core.undo.UndoResult;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** {@code POST /actuator/backtrack/undo}: plans or applies the undo of a recorded rewind. */
final class UndoOperation {

    private final RocketMqAdmin admin;
    private final String journalTopic;
    private final Supplier<BacktrackControl> control;
    private final RewindObserver observer;

    UndoOperation(RocketMqAdmin admin, String journalTopic, Supplier<BacktrackControl> control,
            RewindObserver observer) {
        this.observer = observer;
        this.admin = admin;
        this.journalTopic = journalTopic;
        this.control = control;
    }

    /** The plan ({@code dry}) or the applied undo of entry {@code id} by {@code actor}; 404, 409 as documented. */
    WebEndpointResponse<Object> run(String id, boolean dry, String actor) {
        try (RewindJournal journal = RewindJournal.openForWriting(admin, journalTopic)) {
            RewindUndoer undoer = new RewindUndoer(admin);
            UndoPlan undo = undoer.plan(id, JournalHistory.of(journal.entries()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", dry);
            result.put("undoes", id);
            if (dry) {
                result.put("plan", undo.plan());
                result.put("notes", undo.notes());
                return new WebEndpointResponse<>(result);
            }
            long started = System.nanoTime();
            UndoResult done;
            try {
                done = undoer.undo(undo, plan -> BacktrackEndpoint.rewindEveryInstance(admin, control, plan, actor),
                        journal, actor);
            } catch (RuntimeException e) {
                observer.rewindFailed();
                throw e;
            }
            observer.rewound(done.entry(), done.outcome().applied().path(),
                    Duration.ofNanos(System.nanoTime() - started));
            result.put("id", done.entry().id());
            result.put("path", done.outcome().applied().path());
            result.put("note", done.outcome().note());
            result.put("acknowledgements", done.outcome().acknowledgements());
            result.put("silentClients", done.outcome().silentClients());
            result.put("plan", undo.plan());
            result.put("verifiedOffsets", done.outcome().applied().verifiedOffsets());
            result.put("messagesToReplay", undo.plan().messagesToReplay());
            result.put("notes", undo.notes());
            result.put("warnings", done.warnings());
            return new WebEndpointResponse<>(result);
        } catch (UnknownJournalEntryException | UnknownTopicException e) {
            return BacktrackEndpoint.error(WebEndpointResponse.STATUS_NOT_FOUND, e.getMessage());
        } catch (InvalidRewindInputException e) {
            return BacktrackEndpoint.error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (UndoRefusedException | BroadcastingGroupException e) {
            return BacktrackEndpoint.error(409, e.getMessage());
        } catch (RewindException e) {
            return BacktrackEndpoint.error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }
}
