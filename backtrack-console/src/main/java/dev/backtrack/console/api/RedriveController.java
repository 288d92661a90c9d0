package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.redrive.DeadLetter;
import dev.backtrack.core.redrive.RedrivePlan;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Redrive ({@code POST /api/redrive}): the plan of a group's dead letters in a window (a dry run, the default), or
 * those the selection takes sent back to the group once through its retry topic by core's {@link RedriveOperation},
 * after the group's name typed again; recorded with the logged-in user's name.
 */
@RestController
public class RedriveController {

    private static final SendRequest.Words WORDS = SendRequest.Words.REDRIVE;

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;

    /** Redrives on the console's {@code cluster}, reading times with {@code inputs}. */
    public RedriveController(ConsoleCluster cluster, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.inputs = inputs;
    }

    /**
     * What the UI sends: the group, the window [{@code from}, {@code until}) (default: from the oldest dead letter
     * kept until now), the selection ({@code tags}, {@code keys} joined by ',', a SQL92 {@code filter}), {@code again}
     * to redrive dead letters redriven before, {@code dryRun} (default true), how to send ({@code rate},
     * {@code canary}, {@code pauseAbove}: {@link SendRequest.Policy}) and, to redrive, the group's name typed again as
     * {@code confirm}.
     */
    public record RedriveRequest(@Nullable String group, @Nullable String from, @Nullable String until,
            @Nullable String tags, @Nullable String keys, @Nullable String filter, @Nullable String again,
            @Nullable String dryRun, @Nullable String confirm, @Nullable String rate, @Nullable String canary,
            @Nullable String pauseAbove) {
    }

    /**
     * A dead letter of the plan: the topic it was published to, how often the group failed it (RocketMQ's reconsume
     * count), and the message as stored in the dead-letter topic.
     */
    public record DeadLetterView(String originalTopic, int failures, PeekController.MessageView message) {
    }

    /**
     * The plan and, for a redrive, what was sent: {@code redriven} dead letters into {@code retryTopic};
     * {@code redrivenBefore} (dry run) says that dead letters of the window were redriven to the group before, so
     * that a redrive needs {@code again}; {@code error} says where a redrive stopped part way (it paused, or a send
     * failed); {@code runId}, {@code state} and {@code canary} are the run's ({@link SentRun}).
     */
    public record RedriveView(String group, String deadLetterTopic, long from, long until, boolean dryRun,
            String selection, long deadLettersInWindow, long deadLettersToSend, long leftOut,
            Map<String, Map<String, Long>> byTopicAndTag, List<DeadLetterView> first,
            @Nullable String redrivenBefore, @Nullable Long redriven, @Nullable String retryTopic,
            List<String> retryOffsetsSet, List<String> warnings, @Nullable String error, @Nullable String runId,
            @Nullable RunState state, @Nullable CanaryView canary) {
    }

    /**
     * The plan, or the redrive when {@code dryRun} is false and {@code confirm} is the group's name: 200 when every
     * dead letter was sent, 409 when the run paused, 500 when a send failed ({@link SendRequest#answer}).
     */
    @PostMapping(Api.BASE + "/redrive")
    public ResponseEntity<RedriveView> redrive(@RequestBody RedriveRequest request, Authentication user) {
        String group = inputs.group(request.group());
        long[] window = inputs.windowSinceOldest(request.from(), request.until());
        MessageSelection selection = MessageSelection.of(blankAsNull(request.tags()), request.keys(),
                request.filter());
        SendRequest send = SendRequest.read(group, request.dryRun(), request.again(), new SendRequest.Policy(
                request.rate(), request.canary(), request.pauseAbove()), request.confirm(), WORDS);
        RedriveOperation operation = new RedriveOperation(cluster, cluster.admin());
        RedrivePlan plan = operation.plan(group, window[0], window[1], selection, "'tags'");
        if (send.dryRun()) {
            SentBefore before = SentBefore.check(() -> operation.refuseIfRedrivenBefore(plan, false,
                    WORDS.againHint()));
            return ResponseEntity.ok(view(plan, before.refusal(), null, before.warnings(), SentRun.NONE));
        }
        ReplayOutcome outcome = operation.apply(plan, send.again(), WORDS.againHint(), user.getName(),
                send.policy());
        return SendRequest.answer(view(plan, null, outcome.result(), outcome.warnings(), SentRun.of(outcome, WORDS)),
                outcome.state());
    }

    private static @Nullable String blankAsNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static RedriveView view(RedrivePlan plan, @Nullable String redrivenBefore,
            @Nullable WindowReplayResult result, List<String> warnings, SentRun run) {
        ReplayWindow window = plan.window().window();
        return new RedriveView(plan.group(), window.topic(), window.from(), window.until(), result == null,
                plan.window().selection().describe(), plan.window().stored(), plan.matching(), plan.filteredOut(),
                plan.byTopicAndTag(), plan.first().stream().map(RedriveController::deadLetter).toList(),
                redrivenBefore, result == null ? null : result.replayed(), result == null ? null : result.retryTopic(),
                result == null ? List.of() : result.retryOffsetsSet(), warnings, run.error(), run.runId(),
                run.state(), run.canary());
    }

    private static DeadLetterView deadLetter(DeadLetter d) {
        return new DeadLetterView(d.originalTopic(), d.reconsumeTimes(), PeekController.MessageView.of(d.message()));
    }
}
