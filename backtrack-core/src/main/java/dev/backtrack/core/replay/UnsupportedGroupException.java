package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;

/** The group does not consume in a way that window replay supports (orderly, broadcasting, pop, pull); says why. */
public class UnsupportedGroupException extends RewindException {

    /** Creates the error. */
    public UnsupportedGroupException(String message) {
        super(message);
    }
}
