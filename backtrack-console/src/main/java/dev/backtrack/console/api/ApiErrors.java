package dev.backtrack.console.api;

import dev.backtrack.console.rewind.RefusedException;
import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.undo.UndoRefusedException;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the console API's failures into {@code {"error": "..."}} with the status the contract gives them. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** Bad input: 400. */
    @ExceptionHandler({InvalidRewindInputException.class, IllegalArgumentException.class})
    public ResponseEntity<Map<String, String>> badInput(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A body that is not the JSON object expected: 400. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not a JSON object of the expected fields; accepted: "
                + "e.g. {\"group\":\"g\",\"topic\":\"t\",\"to\":\"-1h\"}");
    }

    /** An unknown topic, group or journal id: 404. */
    @ExceptionHandler({UnknownTopicException.class, UnknownJournalEntryException.class, NotFoundException.class})
    public ResponseEntity<Map<String, String>> unknown(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** Refused in the cluster's state (broadcasting group, brokers missing, already undone): 409. */
    @ExceptionHandler({BroadcastingGroupException.class, RefusedException.class, UndoRefusedException.class})
    public ResponseEntity<Map<String, String>> refused(RuntimeException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** The cluster or the journal on it failed: 503 with its message. */
    @ExceptionHandler({RewindException.class, JournalException.class})
    public ResponseEntity<Map<String, String>> clusterFailure(RuntimeException e) {
        log.warn("Backtrack console: {}", e.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
