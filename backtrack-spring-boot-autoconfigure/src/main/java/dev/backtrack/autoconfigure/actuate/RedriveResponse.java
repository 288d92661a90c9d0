package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.redrive.RedrivePlan;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's answer to {@code POST /actuator/backtrack/redrive}: core's redrive, rendered as JSON. */
final class RedriveResponse {

    private RedriveResponse() {
    }

    /** The request's fields as they came; null when absent. */
    record Request(@Nullable String from, @Nullable String until, @Nullable String tags, @Nullable String keys,
            @Nullable String filter, @Nullable String dryRun, @Nullable String again, @Nullable String rate,
            @Nullable String canary, @Nullable String pauseAbove) {
    }

    /**
     * The plan (a dry run, the default) or the redrive of the request's dead letters to {@code group} by
     * {@code actor}.
     */
    static WebEndpointResponse<Object> run(RedriveOperation operation, TimeExpressionParser parser, String group,
            Request request, String actor) {
        try {
            boolean dry = RequestFields.flag(request.dryRun(), "dryRun", true, "only show the plan",
                    "redrive the dead letters");
            boolean again = RequestFields.flag(request.again(), "again", false, "redrive them again",
                    "refuse dead letters redriven to the group before");
            long from = parser.toEpochMillis(orDefault(request.from(), "0"));
            long until = parser.toEpochMillis(orDefault(request.until(), "now"));
            SendPolicy policy = SendPolicy.parse(request.rate(), request.canary(), request.pauseAbove());
            MessageSelection selection = MessageSelection.of(request.tags(), request.keys(), request.filter());
            RedrivePlan plan = operation.plan(group, from, until, selection, "'tags'");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", dry);
            result.put("group", group);
            result.put("deadLetterTopic", plan.window().window().topic());
            result.put("from", from);
            result.put("until", until);
            result.put("selection", selection.describe());
            result.put("deadLettersInWindow", plan.window().stored());
            result.put("deadLettersToSend", plan.matching());
            result.put("leftOut", plan.filteredOut());
            result.put("byTopicAndTag", plan.byTopicAndTag());
            result.put("first", plan.first());
            if (dry) {
                return new WebEndpointResponse<>(result);
            }
            ReplayOutcome outcome = operation.apply(plan, again, ReplayResponse.AGAIN, actor, policy);
            return RunResponse.of(result, outcome, "redriven", "redrive");
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }

    private static String orDefault(@Nullable String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
