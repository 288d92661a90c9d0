package dev.backtrack.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line: its exit code and what it printed to standard output and error. */
record CliRun(int exit, String out, String err) {

    /** Runs the command line in this JVM with these arguments, this standard input and these environment variables. */
    static CliRun of(List<String> args, String input, Map<String, String> environment) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BacktrackCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                new BufferedReader(new StringReader(input)), environment);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The same, with {@code -n nameServer} put right after the first argument (the command). */
    static CliRun against(String nameServer, String input, Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "-n");
        all.add(2, nameServer);
        return of(all, input, environment);
    }
}
