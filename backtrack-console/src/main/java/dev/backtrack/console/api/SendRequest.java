package dev.backtrack.console.api;

import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.replay.SendRate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * How a request that sends messages to a group once more (a window replay, a redrive) is to be done: a dry run (the
 * default) or, with the group's name typed again as confirmation, for real; {@code again} sends what was sent before.
 *
 * @param dryRun only show the plan
 * @param again send messages that the same kind of operation sent to the group before
 * @param rate how fast to send
 */
public record SendRequest(boolean dryRun, boolean again, SendRate rate) {

    /**
     * Reads the request's {@code dryRun} and {@code again} flags, naming in errors what each value does in the words
     * of {@code words}, and its {@code rate} (none: unlimited); unless a dry run, fails unless {@code confirm} is
     * {@code group}.
     */
    public static SendRequest read(String group, @Nullable String dryRun, @Nullable String again,
            @Nullable String rate, @Nullable String confirm, Words words) {
        boolean dry = RequestFields.flag(dryRun, "dryRun", true, "only show the plan", words.send());
        boolean repeat = RequestFields.flag(again, "again", false, words.sendAgain(), words.refuseRepeat());
        SendRate pace = SendRate.parse(rate);
        if (!dry) {
            ConsoleRewinder.requireConfirmed(group, confirm == null ? "" : confirm);
        }
        return new SendRequest(dry, repeat, pace);
    }

    /** The answer: 200, or 500 when the sending stopped part way ({@code error} is not null). */
    public static <T> ResponseEntity<T> answer(T view, @Nullable String error) {
        return ResponseEntity.status(error == null ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR).body(view);
    }

    /**
     * What an operation's flags mean, for its error messages.
     *
     * @param send what {@code "dryRun": false} does
     * @param sendAgain what {@code "again": true} does
     * @param refuseRepeat what {@code "again": false} does
     * @param againHint how the console's user asks to send once more (in the refusal of a repeat)
     */
    public record Words(String send, String sendAgain, String refuseRepeat, String againHint) {

        /** The words of a window replay. */
        public static final Words REPLAY = new Words("replay the window", "replay them again",
                "refuse messages replayed to the group before", "tick 'Replay again' (\"again\": true)");

        /** The words of a redrive. */
        public static final Words REDRIVE = new Words("redrive the dead letters", "redrive them again",
                "refuse dead letters redriven to the group before", "tick 'Redrive again' (\"again\": true)");
    }
}
