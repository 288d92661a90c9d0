package dev.backtrack.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.BacktrackCli;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves groups as an operator does: the backtrack CLI's {@code rewind --yes --json} (or any other command line), run
 * in this JVM.
 */
final class Rewinds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rewinds() {
    }

    /**
     * The CLI's answer.
     *
     * @param exitCode the exit code
     * @param json the JSON document printed (null when none)
     * @param error what it printed on standard error
     * @param startedAt epoch ms just before the CLI ran
     * @param answeredAt epoch ms just after it returned
     */
    record Answer(int exitCode, JsonNode json, String error, long startedAt, long answeredAt) {

        String path() {
            return json == null ? null : json.path("path").asText(null);
        }

        String note() {
            return json == null ? null : json.path("note").asText(null);
        }

        /** The path, or how the CLI failed when it printed no answer. */
        String pathOrFailure() {
            return path() != null ? path() : "none: exit " + exitCode;
        }

        /** The note, or the CLI's error when it printed no answer. */
        String noteOrError() {
            return note() != null ? note() : error.strip();
        }

        int acknowledgements() {
            return json == null ? 0 : json.path("acknowledgements").size();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", " + (json == null ? "no JSON" : json.toString()) + ", stderr: " + error;
        }
    }

    /** Rewinds {@code group} on {@code topic} to {@code timestamp} (epoch ms); {@code options} adds CLI options. */
    static Answer rewind(String nameServer, String group, String topic, long timestamp, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("rewind", "-n", nameServer, "-g", group, "-t", topic, "--to",
                Long.toString(timestamp), "--yes", "--json", "--timeout", "10s"));
        args.addAll(List.of(options));
        return cli(args);
    }

    /** Runs the CLI with {@code args} (a whole command line, {@code --json} among them for an answer to read). */
    static Answer cli(List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.currentTimeMillis();
        int exit = BacktrackCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                new BufferedReader(new StringReader("")));
        long answered = System.currentTimeMillis();
        JsonNode json = out.toString().isBlank() ? null : JSON.readTree(out.toString());
        return new Answer(exit, json, err.toString(), started, answered);
    }
}
