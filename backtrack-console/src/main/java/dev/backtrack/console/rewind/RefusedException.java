package dev.backtrack.console.rewind;

/** A sound request that the console refuses in the cluster's present state (answered 409). */
public class RefusedException extends RuntimeException {

    /** The refusal, saying why and that nothing was changed. */
    public RefusedException(String message) {
        super(message);
    }
}
