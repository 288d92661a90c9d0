package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RunEntries;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RunOperation;
import dev.backtrack.core.replay.SendPolicy;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resume and abort of a window replay's or a redrive's run ({@code POST /api/runs/ID/resume},
 * {@code POST /api/runs/ID/abort}) by core's {@link RunOperation}, after the name of the run's group typed again;
 * recorded with the logged-in user's name.
 */
@RestController
public class RunController {

    private final ConsoleCluster cluster;
    private final Duration quiet;

    /**
     * Resumes and aborts runs on the console's {@code cluster}; a run is resumed once it has stored nothing for
     * {@code quiet} (it may be sending still, in another process).
     */
    public RunController(ConsoleCluster cluster, Duration quiet) {
        this.cluster = cluster;
        this.quiet = quiet;
    }

    /**
     * What the UI sends to resume: the run's group's name typed again as {@code confirm}; optionally {@code rate},
     * {@code canary} and {@code pauseAbove} instead of the run's own rate and threshold (a resume has no canary unless
     * asked).
     */
    public record ResumeRequest(@Nullable String confirm, @Nullable String rate, @Nullable String canary,
            @Nullable String pauseAbove) {
    }

    /** What the UI sends to abort: the run's group's name typed again. */
    public record AbortRequest(@Nullable String confirm) {
    }

    /**
     * A resumed run: how many copies it had stored before ({@code sentBefore}), what this resume sent into
     * {@code retryTopic} ({@code replayed}), and how the run stands now ({@code state}, {@code canary} and
     * {@code error} as for a replay).
     */
    public record ResumeView(String runId, String kind, String group, String topic, long sentBefore, long replayed,
            String retryTopic, List<String> retryOffsetsSet, List<String> warnings, @Nullable String error,
            RunState state, @Nullable CanaryView canary) {
    }

    /** An aborted run: its state ({@code ABORTED}), why, and the journal entry that records it. */
    public record AbortView(String runId, String kind, String group, String topic, RunState state,
            @Nullable String reason, @Nullable String id, long appliedAt, String actor) {
    }

    /**
     * Resumes run {@code id} when {@code confirm} is its group's name: sends what the run left, each queue from after
     * the last message it stored; 200 when it finished, 409 when it paused again, 500 when a send failed.
     */
    @PostMapping(Api.BASE + "/runs/{id}/resume")
    public ResponseEntity<ResumeView> resume(@PathVariable String id,
            @RequestBody(required = false) @Nullable ResumeRequest request, Authentication user) {
        ResumeRequest asked = request == null ? new ResumeRequest(null, null, null, null) : request;
        SendRequest.Policy policy = new SendRequest.Policy(asked.rate(), asked.canary(), asked.pauseAbove());
        policy.parse(); // a wrong value is refused before the journal is read
        requireConfirmed(id, asked.confirm());
        RunOperation runs = runs();
        RunOperation.ResumePlan plan = runs.planResume(id);
        JournalEntry first = plan.entries().first();
        ReplayOutcome outcome = runs.resume(plan, user.getName(), SendPolicy.resuming(plan.entries().run(),
                asked.rate(), asked.canary(), asked.pauseAbove()));
        SentRun run = SentRun.of(outcome, SendRequest.Words.of(first.kind()));
        return SendRequest.answer(new ResumeView(outcome.runId(), first.kind().name(), first.group(), first.topic(),
                plan.sentBefore(), outcome.result().replayed(), outcome.result().retryTopic(),
                outcome.result().retryOffsetsSet(), outcome.warnings(), run.error(), outcome.state(), run.canary()),
                outcome.state());
    }

    /** Ends run {@code id} for good when {@code confirm} is its group's name: it can no longer be resumed. */
    @PostMapping(Api.BASE + "/runs/{id}/abort")
    public AbortView abort(@PathVariable String id, @RequestBody(required = false) @Nullable AbortRequest request,
            Authentication user) {
        requireConfirmed(id, request == null ? null : request.confirm());
        JournalEntry aborted = runs().abort(id, user.getName());
        SendRun run = aborted.run();
        return new AbortView(run.id(), aborted.kind().name(), aborted.group(), aborted.topic(), run.state(),
                run.reason(), aborted.id(), aborted.appliedAt(), aborted.actor());
    }

    private RunOperation runs() {
        return new RunOperation(cluster, cluster.admin(), quiet);
    }

    /**
     * Fails unless {@code typed} is the name of the group of run {@code id}; an unknown or malformed id is left to the
     * operation, which says what it accepts.
     */
    private void requireConfirmed(String id, @Nullable String typed) {
        RunEntries.find(cluster.journalEntries(), id).ifPresent(run -> ConsoleRewinder.requireConfirmed(
                run.first().group(), typed == null ? "" : typed));
    }
}
