package dev.backtrack.cli;

/** The command line asked for something that cannot be: exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
