package dev.backtrack.cli;

import dev.backtrack.core.replay.SendPolicy;
import picocli.CommandLine.Option;

/** How a replay, a redrive or a resume sends: rate, canary and the failure share that pauses it. */
final class SendPolicyOptions {

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Send at most this many messages a second: N or N/s, or N/m per minute (default: as fast as "
                    + "the broker takes them).")
    String rate;

    @Option(names = "--canary", paramLabel = "N",
            description = "Send N messages first, alone, and the rest only once the group consumed each of them "
                    + "without failing; a canary that fails pauses the run and names the messages.")
    String canary;

    @Option(names = "--pause-above", paramLabel = "PERCENT",
            description = "Pause when more than this share of the messages sent in the last minute fail (default: "
                    + "5%%); resume or abort the run afterwards.")
    String pauseAbove;

    /** The policy asked for; a wrong value fails with what is accepted. */
    SendPolicy policy() {
        return SendPolicy.parse(rate, canary, pauseAbove);
    }
}
