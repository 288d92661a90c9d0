package dev.backtrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.test.TestClients;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line: its exit code and what it printed to standard output and error. */
record CliRun(int exit, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Standard output read as JSON; fails the test when it is not. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + "\nstandard error: " + err, e);
        }
    }

    /** {@code args} followed by {@code more}. */
    static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Runs the command line in this JVM with these arguments, this standard input and these environment variables. */
    static CliRun of(List<String> args, String input, Map<String, String> environment) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BacktrackCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                new BufferedReader(new StringReader(input)), environment);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * The same, with {@code -n nameServer} put right after the first argument (the command), and the tests' call
     * timeout ({@link TestClients#CALL_TIMEOUT}, sized for a loaded machine) unless the arguments give one.
     */
    static CliRun against(String nameServer, String input, Map<String, String> environment, String... args) {
        return of(withCluster(nameServer, args), input, environment);
    }

    /** {@link #against} the cluster with {@code --journal-topic journal} too, no input and no environment. */
    static CliRun onJournal(String nameServer, String journal, String... args) {
        List<String> all = withCluster(nameServer, args);
        all.addAll(List.of("--journal-topic", journal));
        return of(all, "", Map.of());
    }

    /** {@code args} with {@code -n nameServer} after the command and the tests' call timeout unless they give one. */
    static List<String> withCluster(String nameServer, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("-n", nameServer));
        if (!all.contains("--timeout")) {
            all.addAll(3, List.of("--timeout", TestClients.CALL_TIMEOUT.toSeconds() + "s"));
        }
        return all;
    }

    /** The command line that runs the CLI with {@code args} in a process of its own, on this JVM's class path. */
    static List<String> processCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), BacktrackCli.class.getName()));
        command.addAll(args);
        return command;
    }
}
