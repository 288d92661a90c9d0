package dev.backtrack.autoconfigure.positioning;

/** A CONSUME_FROM_TIMESTAMP binding could not be positioned; the message names the binding and the property. */
public class BindingPositioningException extends RuntimeException {

    /** Creates the error. */
    public BindingPositioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
