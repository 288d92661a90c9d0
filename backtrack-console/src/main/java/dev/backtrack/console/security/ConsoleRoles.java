package dev.backtrack.console.security;

/** The console's roles. */
public final class ConsoleRoles {

    /** May look: topics, groups, timeline, plan preview, peek, progress, history. */
    public static final String VIEWER = "BACKTRACK_VIEWER";

    /**
     * May also rewind, undo, replay a window and redrive dead letters (their previews too), and resume or abort their
     * runs.
     */
    public static final String ADMIN = "BACKTRACK_ADMIN";

    private ConsoleRoles() {
    }
}
