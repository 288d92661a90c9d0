package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.progress.ReplayProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress renderer's terminal mode: one bar redrawn in place. */
class ProgressRendererTest {

    private static ReplayProgress progress(long replayed, long total, double rate, Long eta, boolean done) {
        return new ReplayProgress("abc", "g", "t", replayed, total, replayed * 100.0 / total, rate, eta, done, 0,
                List.of(), List.of());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewLineWhenDone() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        ProgressRenderer renderer = new ProgressRenderer(ProgressRenderer.Mode.TERMINAL);
        renderer.progress(out, progress(120, 500, 40, 10L, false));
        renderer.progress(out, progress(250, 500, 41.6, 6L, false));
        assertThat(text.toString()).doesNotContain("\n")
                .startsWith("\r[#######.......................] replayed 120/500 (24%) 40 msg/s ETA 10s")
                .contains("\r[###############...............] replayed 250/500 (50%) 42 msg/s ETA 6s");
        renderer.done(out, progress(500, 500, 50, 0L, true));
        assertThat(text.toString()).contains("\r[##############################] replayed 500/500 (100%) 50 msg/s ETA 0s")
                .endsWith("\ndone: the group is back where the rewind found it" + System.lineSeparator());
    }

    @Test
    void aPlainLineSaysWhatIsReplayedTheRateAndTheEta() {
        assertThat(ProgressRenderer.line(progress(120, 500, 40, 9L, false)))
                .isEqualTo("replayed 120/500 (24%) 40 msg/s ETA 9s");
        assertThat(ProgressRenderer.line(progress(0, 500, 0, null, false)))
                .isEqualTo("replayed 0/500 (0%) 0 msg/s ETA ?");
    }
}
