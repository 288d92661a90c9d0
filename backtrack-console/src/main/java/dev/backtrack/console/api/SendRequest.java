package dev.backtrack.console.api;

import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.replay.SendPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * How a request that sends messages to a group once more (a window replay, a redrive) is to be done: a dry run (the
 * default) or, with the group's name typed again as confirmation, for real; {@code again} sends what was sent before;
 * the policy says how (rate, canary, the failure share above which the run pauses).
 *
 * @param dryRun only show the plan
 * @param again send messages that the same kind of operation sent to the group before
 * @param policy how to send: at most at a rate, a canary first, pausing above a share of failures
 */
public record SendRequest(boolean dryRun, boolean again, SendPolicy policy) {

    /**
     * Reads the request's {@code dryRun} and {@code again} flags, naming in errors what each value does in the words
     * of {@code words}, and its {@code rate}, {@code canary} and {@code pauseAbove} ({@link SendPolicy#parse}); unless
     * a dry run, fails unless {@code confirm} is {@code group}.
     */
    public static SendRequest read(String group, @Nullable String dryRun, @Nullable String again, Policy policy,
            @Nullable String confirm, Words words) {
        boolean dry = RequestFields.flag(dryRun, "dryRun", true, "only show the plan", words.send());
        boolean repeat = RequestFields.flag(again, "again", false, words.sendAgain(), words.refuseRepeat());
        SendPolicy how = policy.parse();
        if (!dry) {
            ConsoleRewinder.requireConfirmed(group, confirm == null ? "" : confirm);
        }
        return new SendRequest(dry, repeat, how);
    }

    /**
     * The answer: 200 for a plan or a run that finished, 409 for a run that paused (its canary or too many of its
     * messages failed: it waits to be resumed or aborted), 500 for a run that a failed send stopped part way.
     */
    public static <T> ResponseEntity<T> answer(T view, @Nullable RunState state) {
        HttpStatus status = state == RunState.PAUSED ? HttpStatus.CONFLICT
                : state == RunState.FAILED ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK;
        return ResponseEntity.status(status).body(view);
    }

    /**
     * The sending policy as typed in a request; every field optional.
     *
     * @param rate at most this many a second, e.g. {@code 200/s} (none: as fast as the broker takes them)
     * @param canary how many messages go first, alone (none: no canary)
     * @param pauseAbove the share of the messages sent in the last minute above which the run pauses (none: 5%)
     */
    public record Policy(@Nullable String rate, @Nullable String canary, @Nullable String pauseAbove) {

        /** The policy ({@link SendPolicy#parse}): defaults for what is missing; a wrong value fails saying why. */
        public SendPolicy parse() {
            return SendPolicy.parse(rate, canary, pauseAbove);
        }
    }

    /**
     * What an operation's flags mean, for its error messages.
     *
     * @param noun what the operation is called ("replay", "redrive")
     * @param send what {@code "dryRun": false} does
     * @param sendAgain what {@code "again": true} does
     * @param refuseRepeat what {@code "again": false} does
     * @param againHint how the console's user asks to send once more (in the refusal of a repeat)
     */
    public record Words(String noun, String send, String sendAgain, String refuseRepeat, String againHint) {

        /** The words of a window replay. */
        public static final Words REPLAY = new Words("replay", "replay the window", "replay them again",
                "refuse messages replayed to the group before", "tick 'Replay again' (\"again\": true)");

        /** The words of a redrive. */
        public static final Words REDRIVE = new Words("redrive", "redrive the dead letters", "redrive them again",
                "refuse dead letters redriven to the group before", "tick 'Redrive again' (\"again\": true)");

        /** The words of the operation that records its runs as {@code kind}. */
        public static Words of(JournalKind kind) {
            return kind == JournalKind.REDRIVE ? REDRIVE : REPLAY;
        }
    }
}
