package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.UnsupportedGroupException;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowReplayRecords;
import dev.backtrack.core.replay.WindowReplayResult;
import dev.backtrack.core.replay.WindowReplayer;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's {@code replay} operation: plans (dry run, the default) or replays a window to one group. */
final class WindowReplayOperation {

    private static final Logger log = LoggerFactory.getLogger(WindowReplayOperation.class);

    private final TimeExpressionParser parser;
    private final String journalTopic;

    WindowReplayOperation(TimeExpressionParser parser, String journalTopic) {
        this.parser = parser;
        this.journalTopic = journalTopic;
    }

    /** The request's fields as they came; null when absent. */
    record Request(@Nullable String from, @Nullable String until, @Nullable String tags, @Nullable String dryRun,
            @Nullable String again) {
    }

    WebEndpointResponse<Object> run(AdminSettings settings, String group, String topic, Request request,
            String actor) {
        ReplayWindow window;
        boolean dry;
        boolean replayAgain;
        try {
            dry = flag("dryRun", request.dryRun(), true, "true (the default: only show the plan) or false (replay)");
            replayAgain = flag("again", request.again(), false,
                    "false (the default: refuse messages replayed to the group before) or true");
            window = new ReplayWindow(group, topic, time("from", request.from()), time("until", request.until()));
        } catch (IllegalArgumentException | InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(settings)) {
            WindowPlan plan = new WindowPlanner(admin).plan(window, request.tags());
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
            Optional<JournalEntry> before;
            try (RewindJournal journal = new RewindJournal(settings.nameServer(), RocketMqAdmin.rpcHook(settings),
                    journalTopic)) {
                before = WindowReplayRecords.overlapping(journal.entries(), plan);
            } catch (JournalException e) {
                return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "Cannot check whether this window was "
                        + "replayed before: " + e.getMessage() + ". Nothing was replayed.");
            }
            if (before.isPresent() && !replayAgain) {
                return error(409, "Messages of this window were replayed to group " + group + " already ("
                        + before.get().requestedTime() + ", by " + before.get().actor() + "): send \"again\": true "
                        + "to replay them once more. Nothing was replayed.");
            }
            WindowReplayResult replayed = new WindowReplayer(admin).replay(plan);
            List<String> warnings = record(admin, replayed, actor);
            log.info("Backtrack: {} replayed {} messages of topic {} {} to group {}", actor, replayed.replayed(),
                    topic, window.describe(), group);
            result.put("replayed", replayed.replayed());
            result.put("retryTopic", replayed.retryTopic());
            result.put("retryOffsetsSet", replayed.retryOffsetsSet());
            result.put("warnings", warnings);
            if (!replayed.complete()) {
                result.put("error", "The replay " + replayed.failure());
                return new WebEndpointResponse<>(result, WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
            }
            return new WebEndpointResponse<>(result);
        } catch (InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (UnknownTopicException e) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, e.getMessage());
        } catch (UnsupportedGroupException e) {
            return error(409, e.getMessage());
        } catch (RewindException e) {
            return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    private List<String> record(RocketMqAdmin admin, WindowReplayResult result, String actor) {
        if (result.replayed() == 0) {
            return List.of();
        }
        try (RewindJournal journal = RewindJournal.openForWriting(admin, journalTopic)) {
            journal.append(WindowReplayRecords.entry(result, actor));
            return List.of();
        } catch (RuntimeException e) {
            return List.of("messages replayed; the record could not be written (a second replay of this window will "
                    + "not be refused): " + e.getMessage());
        }
    }

    private long time(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Field '" + field + "' is missing; accepted: "
                    + TimeExpressionParser.ACCEPTED_FORMS);
        }
        return parser.toEpochMillis(value);
    }

    private static boolean flag(String field, @Nullable String value, boolean absent, String accepted) {
        if (value == null) {
            return absent;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Field '" + field + "' is " + BadValues.quote(value) + "; accepted: "
                + accepted);
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("error", message), status);
    }
}
