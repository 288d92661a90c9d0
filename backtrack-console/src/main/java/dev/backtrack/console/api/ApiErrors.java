package dev.backtrack.console.api;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.operation.Refusal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the console API's failures into {@code {"error": "..."}}: an operation's refusal with the status core's
 * {@link Refusal} gives it (the same as the endpoint's), a body that is not JSON 400, an unknown name 404.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** A refused or failed operation, and bad input: the status of its {@link Refusal}. */
    @ExceptionHandler({RewindException.class, JournalException.class, IllegalArgumentException.class})
    public ResponseEntity<Map<String, String>> refused(RuntimeException e) {
        Refusal refusal = Refusal.of(e).orElse(Refusal.CLUSTER_FAILURE);
        if (refusal == Refusal.CLUSTER_FAILURE) {
            log.warn("Backtrack console: {}", e.getMessage());
        }
        return error(HttpStatus.valueOf(refusal.httpStatus()), e.getMessage());
    }

    /** A body that is not the JSON object expected: 400. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not a JSON object of the expected fields; accepted: "
                + "e.g. {\"group\":\"g\",\"topic\":\"t\",\"to\":\"-1h\"}");
    }

    /** A topic or group the console does not know: 404. */
    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Map<String, String>> unknown(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
