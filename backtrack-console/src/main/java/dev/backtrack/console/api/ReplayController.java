package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowQueue;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Window replay ({@code POST /api/replay}): the plan of a window (a dry run, the default), or the window's messages
 * sent once more to the group through its retry topic by core's {@link ReplayOperation}, after the group's name typed
 * again; recorded with the logged-in user's name.
 */
@RestController
public class ReplayController {

    private static final SendRequest.Words WORDS = SendRequest.Words.REPLAY;

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;

    /** Replays on the console's {@code cluster}, reading times with {@code inputs}. */
    public ReplayController(ConsoleCluster cluster, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.inputs = inputs;
    }

    /**
     * What the UI sends: the group, the topic, the window [{@code from}, {@code until}), optionally the tag expression
     * (needed when the group is offline), {@code again} to replay a window replayed before, {@code dryRun} (default
     * true), how to send ({@code rate}, {@code canary}, {@code pauseAbove}: {@link SendRequest.Policy}) and, to
     * replay, the group's name typed again as {@code confirm}.
     */
    public record ReplayRequest(@Nullable String group, @Nullable String topic, @Nullable String from,
            @Nullable String until, @Nullable String tags, @Nullable String again, @Nullable String dryRun,
            @Nullable String confirm, @Nullable String rate, @Nullable String canary, @Nullable String pauseAbove) {
    }

    /** One queue's part of the window: offsets [begin, end) stored in it, how many match the tags. */
    public record WindowQueueView(String broker, int queueId, long beginOffset, long endOffset, long messagesInWindow,
            long messagesToReplay, long filteredOut, boolean historyGone, @Nullable Long earliestRetained) {
    }

    /**
     * The plan of the window and, for a replay, what was sent: {@code replayed} messages into {@code retryTopic};
     * {@code replayedBefore} (dry run) says that messages of the window were replayed to the group before, so that a
     * replay needs {@code again}; {@code error} says where a replay stopped part way (it paused, or a send failed);
     * {@code runId}, {@code state} and {@code canary} are the run's ({@link SentRun}).
     */
    public record ReplayView(String group, String topic, long from, long until, boolean dryRun, String tags,
            boolean tagsFromSubscription, List<WindowQueueView> queues, long messagesInWindow, long messagesToReplay,
            long filteredOut, List<String> historyGone, @Nullable String replayedBefore, @Nullable Long replayed,
            @Nullable String retryTopic, List<String> retryOffsetsSet, List<String> warnings, @Nullable String error,
            @Nullable String runId, @Nullable RunState state, @Nullable CanaryView canary) {
    }

    /**
     * The window's plan, or its replay when {@code dryRun} is false and {@code confirm} is the group's name: 200 when
     * every message was sent, 409 when the run paused, 500 when a send failed ({@link SendRequest#answer}).
     */
    @PostMapping(Api.BASE + "/replay")
    public ResponseEntity<ReplayView> replay(@RequestBody ReplayRequest request, Authentication user) {
        String group = inputs.group(request.group());
        String topic = inputs.topic(request.topic());
        long[] window = inputs.window(request.from(), request.until());
        SendRequest send = SendRequest.read(group, request.dryRun(), request.again(), new SendRequest.Policy(
                request.rate(), request.canary(), request.pauseAbove()), request.confirm(), WORDS);
        ReplayOperation operation = new ReplayOperation(cluster, cluster.admin());
        WindowPlan plan = operation.plan(new ReplayWindow(group, topic, window[0], window[1]),
                GivenTags.field(request.tags()));
        if (send.dryRun()) {
            // with whether the window was replayed to the group before (a replay would then need "again")
            SentBefore before = SentBefore.check(() -> operation.refuseIfReplayedBefore(plan, false,
                    WORDS.againHint()));
            return ResponseEntity.ok(view(plan, before.refusal(), null, before.warnings(), SentRun.NONE));
        }
        ReplayOutcome outcome = operation.apply(plan, send.again(), WORDS.againHint(), user.getName(),
                send.policy());
        return SendRequest.answer(view(plan, null, outcome.result(), outcome.warnings(), SentRun.of(outcome, WORDS)),
                outcome.state());
    }

    private static ReplayView view(WindowPlan plan, @Nullable String replayedBefore,
            @Nullable WindowReplayResult result, List<String> warnings, SentRun run) {
        ReplayWindow window = plan.window();
        return new ReplayView(window.group(), window.topic(), window.from(), window.until(), result == null,
                plan.target().filter().expression(), plan.target().online(),
                plan.queues().stream().map(ReplayController::queue).toList(), plan.stored(), plan.matching(),
                plan.filteredOut(), plan.historyGone().stream().map(q -> q.broker() + "/" + q.queueId()).toList(),
                replayedBefore, result == null ? null : result.replayed(), result == null ? null : result.retryTopic(),
                result == null ? List.of() : result.retryOffsetsSet(), warnings, run.error(), run.runId(),
                run.state(), run.canary());
    }

    private static WindowQueueView queue(WindowQueue q) {
        return new WindowQueueView(q.broker(), q.queueId(), q.beginOffset(), q.endOffset(), q.stored(), q.matching(),
                q.filteredOut(), q.historyGone(), q.earliestRetained());
    }
}
