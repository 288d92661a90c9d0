package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.console.rewind.ConsoleBatches;
import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.OffsetRange;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchPlan;
import dev.backtrack.core.operation.BatchRefusedException;
import dev.backtrack.core.operation.BatchRewindOutcome;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.Refusal;
import dev.backtrack.core.operation.RefusedPair;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.undo.UndoResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A topic's groups side by side, and batch rewinds: {@code GET /api/batch/groups}, {@code POST /api/batch/plan},
 * {@code /api/batch/rewind} and {@code /api/batch/undo/ID}. The work is core's, through {@link ConsoleBatches}.
 */
@RestController
public class BatchController {

    private static final String SCOPES = "\"allGroups\" (with 'topic': every group of the topic) or \"allTopics\" "
            + "(with 'group': every topic of the group)";

    private final ConsoleCluster cluster;
    private final ConsoleBatches batches;
    private final ConsoleInputs inputs;

    /** Moves through {@code batches}, reading positions from {@code cluster} and values with {@code inputs}. */
    public BatchController(ConsoleCluster cluster, ConsoleBatches batches, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.batches = batches;
        this.inputs = inputs;
    }

    /**
     * What the UI sends: the scope ({@code allGroups} with {@code topic}, or {@code allTopics} with {@code group}),
     * exactly one position as for a single rewind, whether refused pairs are left out and a partial rewind accepted,
     * the replay rate; for a rewind the topic's name typed again (the group's for {@code allTopics}).
     */
    public record BatchRequest(@Nullable String scope, @Nullable String topic, @Nullable String group,
            @Nullable String to, @Nullable String toOffset, @Nullable String shiftBy, @Nullable String toGroupOf,
            @Nullable String skipRefused, @Nullable String allowPartial, @Nullable String confirm,
            @Nullable String rate) {
    }

    /** One queue of a group on the topic: its committed offset, lag, and the store time of its next message. */
    public record QueueAt(String broker, int queueId, @Nullable Long committedOffset, long maxOffset, long lag,
            @Nullable Long storeTime) {
    }

    /** A group of the topic and where it stands: online consumers, lag, each queue. */
    public record GroupAt(String group, int online, long lag, List<QueueAt> queues) {
    }

    /** Every group of a topic, by name. */
    public record TopicGroups(String topic, List<GroupAt> groups) {
    }

    /** One (group, topic) pair of a batch plan. */
    public record PairPlan(String group, String topic, List<RewindController.QueuePlan> queues,
            long messagesToReplay, long messagesToSkip, List<String> warnings) {
    }

    /** A pair that would be refused, and why. */
    public record PairRefused(String group, String topic, String refusal, String reason) {
    }

    /** A batch plan: what moves, what is refused; {@code confirmWith} is the name the operator types. */
    public record BatchPlanView(String scope, String position, String confirmWith, List<PairPlan> pairs,
            List<PairRefused> refused, int queues, long messagesToReplay, boolean partial) {
    }

    /** One pair of an applied batch: MOVED (with its journal id and queues read back), FAILED, NOT_ATTEMPTED. */
    public record PairResult(String group, String topic, String status, @Nullable String reason,
            @Nullable String entry, List<RewindController.QueueMoved> queues) {
    }

    /** An applied batch (or its undo): the batch id, every pair's result, and the pairs left out as refused. */
    public record BatchResultView(@Nullable String batch, List<PairResult> pairs, List<PairRefused> refused,
            @Nullable String error) {
    }

    /** The groups of {@code topic} with their positions. */
    @GetMapping(Api.BASE + "/batch/groups")
    public TopicGroups groups(@RequestParam(required = false) @Nullable String topic) {
        String name = inputs.topic(topic);
        RocketMqAdmin admin = cluster.admin();
        List<QueueAddress> queues = admin.queues(name);
        Map<MessageQueue, OffsetRange> ranges = admin.offsetRanges(queues);
        List<GroupAt> groups = new ArrayList<>();
        for (String group : batches.groupsOf(name)) {
            Map<MessageQueue, Long> committed = admin.committedOffsets(group, queues);
            Map<QueueAddress, Long> readable = new HashMap<>();
            queues.stream().filter(q -> committed.containsKey(q.queue())
                    && committed.get(q.queue()) < ranges.get(q.queue()).max()
                    && committed.get(q.queue()) >= ranges.get(q.queue()).min())
                    .forEach(q -> readable.put(q, committed.get(q.queue())));
            Map<MessageQueue, Long> times = readable.isEmpty() ? Map.of() : admin.storeTimestampsAt(readable);
            List<QueueAt> at = queues.stream().map(q -> {
                MessageQueue mq = q.queue();
                Long offset = committed.get(mq);
                long max = ranges.get(mq).max();
                return new QueueAt(mq.getBrokerName(), mq.getQueueId(), offset, max,
                        offset == null ? 0 : Math.max(0, max - offset), times.get(mq));
            }).toList();
            ConsumerConnection connection = admin.consumerConnection(group);
            int online = connection == null ? 0 : connection.getConnectionSet().size();
            groups.add(new GroupAt(group, online, at.stream().mapToLong(QueueAt::lag).sum(), at));
        }
        return new TopicGroups(name, groups);
    }

    /** The batch plan; nothing moves. A batch with refused pairs is refused (409) unless they are skipped. */
    @PostMapping(Api.BASE + "/batch/plan")
    public BatchPlanView plan(@RequestBody BatchRequest request, Authentication user) {
        return view(batches.plan(request(request, user)));
    }

    /** Moves every pair when {@code confirm} is the topic's (or group's) name; each journaled with the user. */
    @PostMapping(Api.BASE + "/batch/rewind")
    public BatchResultView rewind(@RequestBody BatchRequest request, Authentication user) {
        BatchRewindRequest asked = request(request, user);
        BatchRewindOutcome outcome = batches.rewind(asked, request.confirm() == null ? "" : request.confirm());
        return new BatchResultView(outcome.batch(), outcome.steps().stream().map(BatchController::moved).toList(),
                refused(outcome.plan().refused()), null);
    }

    /** Undoes a batch rewind when {@code confirm} is its topic's name (its group's when it covered several topics). */
    @PostMapping(Api.BASE + "/batch/undo/{id}")
    public BatchResultView undo(@PathVariable String id,
            @RequestBody(required = false) RewindController.@Nullable UndoRequest request, Authentication user) {
        String confirm = request == null || request.confirm() == null ? "" : request.confirm();
        List<BatchStep<UndoResult>> steps = batches.undo(id, confirm, user.getName());
        return new BatchResultView(steps.isEmpty() ? null : batchOf(steps), steps.stream().map(s -> new PairResult(
                s.group(), s.topic(), s.status().name(), s.reason(), s.result() == null ? null
                        : s.result().entry().id(), s.result() == null ? List.of()
                                : RewindController.queuesMoved(s.result().outcome()))).toList(), List.of(), null);
    }

    /** A batch refused before anything moved: its {@link Refusal}'s status (409) with every refused pair. */
    @ExceptionHandler(BatchRefusedException.class)
    public ResponseEntity<Map<String, Object>> refused(BatchRefusedException e) {
        return ResponseEntity.status(status(e)).body(Map.of("error", e.getMessage(), "refused",
                refused(e.plan().refused())));
    }

    /** A batch that failed part way: every pair's result with the batch id, and the error (its refusal's status). */
    @ExceptionHandler(BatchMoveFailedException.class)
    public ResponseEntity<BatchResultView> failed(BatchMoveFailedException e) {
        List<PairResult> pairs = e.steps().stream().map(s -> new PairResult(s.group(), s.topic(), s.status().name(),
                s.reason(), s.result() instanceof RewindOutcome o && o.entry() != null ? o.entry().id()
                        : s.result() instanceof UndoResult u ? u.entry().id() : null, List.of())).toList();
        return ResponseEntity.status(status(e)).body(new BatchResultView(e.batch(), pairs, List.of(),
                e.getMessage()));
    }

    /** The HTTP status of core's {@link Refusal} of {@code e}, as {@link ApiErrors} answers any other. */
    private static int status(RuntimeException e) {
        return Refusal.of(e).orElse(Refusal.CLUSTER_FAILURE).httpStatus();
    }

    private BatchRewindRequest request(BatchRequest request, Authentication user) {
        String scope = request.scope() == null || request.scope().isBlank() ? "allGroups" : request.scope().strip();
        BatchRewindRequest.Scope parsed = switch (scope) {
            case "allGroups" -> new BatchRewindRequest.AllGroupsOf(inputs.topic(request.topic()));
            case "allTopics" -> new BatchRewindRequest.AllTopicsOf(inputs.group(request.group()));
            default -> throw new InvalidRewindInputException("'scope' is " + BadValues.quote(scope)
                    + "; accepted: " + SCOPES);
        };
        boolean skipRefused = RequestFields.flag(request.skipRefused(), "skipRefused", false,
                "move the groups that can move, leaving the refused ones out", "refuse the whole batch when one "
                        + "group is refused");
        return new BatchRewindRequest(parsed, inputs.position(request.to(), request.toOffset(), request.shiftBy(),
                request.toGroupOf()), skipRefused, RequestFields.allowPartial(request.allowPartial()),
                user.getName(), ConsoleRewinder.ALLOW_PARTIAL, ConsoleBatches.SKIP_REFUSED,
                SendRate.parse(request.rate()));
    }

    private static BatchPlanView view(BatchPlan plan) {
        List<PairPlan> pairs = new ArrayList<>();
        String position = "";
        for (CheckedPlan checked : plan.planned()) {
            RewindPlan p = checked.plan();
            position = p.asked();
            pairs.add(new PairPlan(p.group(), p.topic(), p.queues().stream().map(RewindController::queue).toList(),
                    p.messagesToReplay(), p.messagesToSkip(), RewindController.warnings(checked)));
        }
        return new BatchPlanView(plan.request().scope().describe(), position,
                ConsoleBatches.confirmationOf(plan.request().scope()), pairs, refused(plan.refused()), plan.queues(),
                plan.messagesToReplay(), plan.partial());
    }

    private static List<PairRefused> refused(List<RefusedPair> refused) {
        return refused.stream().map(r -> new PairRefused(r.group(), r.topic(), r.refusal().name(), r.reason()))
                .toList();
    }

    private static PairResult moved(BatchStep<RewindOutcome> step) {
        RewindOutcome outcome = step.result();
        return new PairResult(step.group(), step.topic(), step.status().name(), step.reason(),
                outcome == null || outcome.entry() == null ? null : outcome.entry().id(),
                outcome == null || outcome.applied() == null ? List.of()
                        : RewindController.queuesMoved(outcome.applied()));
    }

    private static @Nullable String batchOf(List<BatchStep<UndoResult>> steps) {
        return steps.stream().map(BatchStep::result).filter(r -> r != null && r.entry().batch() != null)
                .map(r -> r.entry().batch()).findFirst().orElse(null);
    }
}
