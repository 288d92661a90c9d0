package dev.backtrack.console.security;

/** The console's roles. */
public final class ConsoleRoles {

    /** May look: topics, groups, timeline, plan preview, peek, progress, history. */
    public static final String VIEWER = "BACKTRACK_VIEWER";

    /** May also rewind, undo and replay a window (its preview too). */
    public static final String ADMIN = "BACKTRACK_ADMIN";

    private ConsoleRoles() {
    }
}
