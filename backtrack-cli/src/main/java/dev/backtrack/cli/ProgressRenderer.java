package dev.backtrack.cli;

import dev.backtrack.core.progress.ReplayProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows replay progress: on a terminal one bar redrawn in place, otherwise one plain line per sample, or with
 * {@code --json} one JSON object per line ({@code "event": "progress"}, then {@code "done"} or {@code "stopped"}).
 */
final class ProgressRenderer {

    /** How samples are shown. */
    enum Mode { TERMINAL, LINES, JSON }

    private static final int BAR_WIDTH = 30;

    private final Mode mode;

    ProgressRenderer(Mode mode) {
        this.mode = mode;
    }

    /** JSON lines with {@code --json}; a bar on a terminal; plain lines otherwise. */
    static ProgressRenderer forOutput(boolean json) {
        return new ProgressRenderer(json ? Mode.JSON : System.console() != null ? Mode.TERMINAL : Mode.LINES);
    }

    /** Shows one sample of a replay still going on. */
    void progress(PrintWriter out, ReplayProgress progress) {
        switch (mode) {
            case TERMINAL -> out.print("\r" + bar(progress));
            case LINES -> out.println(line(progress));
            case JSON -> Output.jsonLine(out, event("progress", progress));
        }
        out.flush();
    }

    /** Shows the last sample: the replay is over. */
    void done(PrintWriter out, ReplayProgress progress) {
        switch (mode) {
            case TERMINAL -> out.println("\r" + bar(progress) + "\ndone: the group is back where the rewind found it");
            case LINES -> out.println(line(progress) + "; done: the group is back where the rewind found it");
            case JSON -> Output.jsonLine(out, event("done", progress));
        }
        out.flush();
    }

    /** Shows that following stopped after {@code timeout} while the replay goes on. */
    void stopped(PrintWriter out, PrintWriter err, ReplayProgress progress, Duration timeout) {
        if (mode == Mode.JSON) {
            Output.jsonLine(out, event("stopped", progress));
        } else if (mode == Mode.TERMINAL) {
            out.println();
            out.flush();
        }
        err.println("Stopped following after " + timeout.toSeconds() + " s (--follow-timeout): the replay goes on ("
                + progress.replayed() + "/" + progress.total() + " replayed)");
        err.flush();
    }

    /** {@code replayed 120/500 (24%) 40 msg/s ETA 9s}. */
    static String line(ReplayProgress progress) {
        return "replayed " + progress.replayed() + "/" + progress.total() + " ("
                + (long) Math.floor(progress.percent()) + "%) "
                + String.format(Locale.ROOT, "%.0f", progress.ratePerSecond()) + " msg/s ETA "
                + (progress.etaSeconds() == null ? "?" : progress.etaSeconds() + "s");
    }

    /** {@code [########......................] replayed 120/500 (24%) 40 msg/s ETA 9s}, padded to overwrite. */
    static String bar(ReplayProgress progress) {
        int filled = (int) Math.min(BAR_WIDTH, Math.floor(progress.percent() * BAR_WIDTH / 100));
        String text = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line(progress);
        return text + " ".repeat(Math.max(0, 78 - text.length()));
    }

    private static Map<String, Object> event(String name, ReplayProgress progress) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.put("id", progress.id());
        event.put("group", progress.group());
        event.put("topic", progress.topic());
        event.put("replayed", progress.replayed());
        event.put("total", progress.total());
        event.put("percent", progress.percent());
        event.put("ratePerSecond", progress.ratePerSecond());
        event.put("etaSeconds", progress.etaSeconds());
        event.put("done", progress.done());
        return event;
    }
}
