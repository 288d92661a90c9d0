package dev.backtrack.console.api;

import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.operation.AlreadyReplayedException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * For a dry run: whether the planned messages were sent to the group before by the same kind of operation, so that
 * sending them needs {@code again}.
 *
 * @param refusal the refusal a send without {@code again} would get, or null when there is none
 * @param warnings why that could not be checked (a journal that cannot be read), else empty
 */
public record SentBefore(@Nullable String refusal, List<String> warnings) {

    /** Runs an operation's check, which throws {@link AlreadyReplayedException} when the plan was sent before. */
    public static SentBefore check(Runnable refuseIfSentBefore) {
        try {
            refuseIfSentBefore.run();
            return new SentBefore(null, List.of());
        } catch (AlreadyReplayedException e) {
            return new SentBefore(e.getMessage(), List.of());
        } catch (JournalException e) {
            return new SentBefore(null, List.of(String.valueOf(e.getMessage())));
        }
    }
}
