package dev.backtrack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The question a command asks before it changes anything, answered on standard input. */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * Asks {@code question} followed by {@code [y/N]} on {@code err} and reads one line: true for y or yes (any case);
     * false for anything else, end of input, or no input at all.
     */
    static boolean asked(PrintWriter err, @Nullable BufferedReader input, String question) throws IOException {
        err.print(question + " [y/N] ");
        err.flush();
        String answer = input == null ? null : input.readLine();
        if (answer == null) {
            return false;
        }
        String word = answer.trim().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
