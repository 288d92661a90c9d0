package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's answer to {@code POST /actuator/backtrack/replay}: core's window replay, rendered as JSON. */
final class ReplayResponse {

    /** How a JSON request asks to replay a window once more. */
    static final String AGAIN = "send \"again\": true";

    private ReplayResponse() {
    }

    /** The request's fields as they came; null when absent. */
    record Request(@Nullable String from, @Nullable String until, @Nullable String tags, @Nullable String dryRun,
            @Nullable String again, @Nullable String rate, @Nullable String canary, @Nullable String pauseAbove) {
    }

    /** The plan (a dry run, the default) or the replay of the request's window by {@code actor}. */
    static WebEndpointResponse<Object> run(ReplayOperation operation, TimeExpressionParser parser, String group,
            String topic, Request request, String actor) {
        try {
            boolean dry = RequestFields.flag(request.dryRun(), "dryRun", true, "only show the plan",
                    "replay the window");
            boolean again = RequestFields.flag(request.again(), "again", false, "replay them again",
                    "refuse messages replayed to the group before");
            SendPolicy policy = SendPolicy.parse(request.rate(), request.canary(), request.pauseAbove());
            ReplayWindow window = new ReplayWindow(group, topic, time(parser, "from", request.from()),
                    time(parser, "until", request.until()));
            WindowPlan plan = operation.plan(window, GivenTags.field(request.tags()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", dry);
            result.put("tags", plan.target().filter().expression());
            result.put("tagsFrom", plan.target().filterSource());
            result.put("queues", plan.queues());
            result.put("messagesInWindow", plan.stored());
            result.put("messagesToReplay", plan.matching());
            result.put("filteredOut", plan.filteredOut());
            result.put("historyGone", plan.historyGone().stream().map(q -> q.broker() + "/" + q.queueId()).toList());
            if (dry) {
                return new WebEndpointResponse<>(result);
            }
            ReplayOutcome outcome = operation.apply(plan, again, AGAIN, actor, policy);
            return RunResponse.of(result, outcome, "replayed", "replay");
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }

    private static long time(TimeExpressionParser parser, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Field '" + field + "' is missing; accepted: "
                    + TimeExpressionParser.ACCEPTED_FORMS);
        }
        return parser.toEpochMillis(value);
    }
}
