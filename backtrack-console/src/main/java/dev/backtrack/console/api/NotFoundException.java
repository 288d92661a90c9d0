package dev.backtrack.console.api;

/** Something the request names does not exist (answered 404). */
public class NotFoundException extends RuntimeException {

    /** Names what is missing and where to look. */
    public NotFoundException(String message) {
        super(message);
    }
}
