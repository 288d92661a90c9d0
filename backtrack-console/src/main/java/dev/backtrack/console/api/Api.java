package dev.backtrack.console.api;

/** Paths of the console's JSON API. */
public final class Api {

    /** Where the API lives, under the application's context path. */
    public static final String BASE = "/backtrack-console/api";

    private Api() {
    }
}
