package dev.backtrack.core;

/** A group, topic or cluster setting given by the user is not acceptable; the message says what is. */
public class InvalidRewindInputException extends RewindException {

    /** Creates the error. */
    public InvalidRewindInputException(String message) {
        super(message);
    }
}
