package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.BrokerCoverageCheck;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.time.TimeExpressionParser;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

/**
 * Actuator endpoint {@code backtrack}: the application's RocketMQ consumer bindings and their offsets, rewind plans
 * (dry run) and rewinds, and the record of rewinds. Every operation needs an authenticated user with the configured role.
 */
@WebEndpoint(id = "backtrack")
public class BacktrackEndpoint {

    private static final Logger log = LoggerFactory.getLogger(BacktrackEndpoint.class);
    private static final String ALLOW_PARTIAL = "\"allowPartial\": true";
    private static final String FIELD_QUEUES = "Field 'queues'";
    private static final String OTHER_POSITIONS = "'toOffset' (one offset for every queue, e.g. \"5\", or "
            + "\"broker-a/0=5,broker-b/1=7\"), 'shiftBy' (\"-N\" back or \"+N\" forward from the committed offsets) or "
            + "'toGroupOf' (another consumer group, whose committed offsets are taken)";

    private final Supplier<List<ConsumerBinding>> bindings;
    private final TimeExpressionParser parser;
    private final String role;
    private final String journalTopic;
    private final Supplier<BacktrackControl> control;
    private final Duration timeout;
    private final List<String> proxies;
    private final Supplier<RewindObserver> observer;

    /**
     * Serves the given bindings, reading times with {@code parser}, for users holding {@code role}; each request to
     * RocketMQ may take up to {@code timeout}.
     */
    public BacktrackEndpoint(Supplier<List<ConsumerBinding>> bindings, TimeExpressionParser parser, String role,
            String journalTopic, Supplier<BacktrackControl> control, Duration timeout) {
        this(bindings, parser, role, journalTopic, control, timeout, List.of(), () -> RewindObserver.NONE);
    }

    /**
     * As the other constructor, also asking the RocketMQ proxies at {@code proxies} (remoting host:port) for the
     * consumers they serve, and telling {@code observer} about every rewind and undo (for metrics).
     */
    public BacktrackEndpoint(Supplier<List<ConsumerBinding>> bindings, TimeExpressionParser parser, String role,
            String journalTopic, Supplier<BacktrackControl> control, Duration timeout, List<String> proxies,
            Supplier<RewindObserver> observer) {
        this.proxies = List.copyOf(proxies);
        this.observer = observer;
        this.bindings = bindings;
        this.parser = parser;
        this.role = role;
        this.journalTopic = journalTopic;
        this.control = control;
        this.timeout = timeout;
    }

    /**
     * The consumer bindings and listeners ({@code kind}) with, per queue, committed and max offset, lag and store
     * time at the committed offset.
     */
    @ReadOperation
    public WebEndpointResponse<Object> bindings(SecurityContext security) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (ConsumerBinding binding : bindings.get()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("kind", ConsumerSource.kindOf(binding));
            view.put("binding", binding.name());
            view.put("group", binding.group());
            view.put("topic", binding.topic());
            try (RocketMqAdmin admin = new RocketMqAdmin(settings(binding))) {
                List<QueueOffsets> queues = new OffsetsReader(admin).read(binding.group(), binding.topic());
                view.put("queues", queues);
                view.put("lag", queues.stream().mapToLong(QueueOffsets::lag).sum());
            } catch (RewindException e) {
                view.put("error", e.getMessage());
            }
            result.add(view);
        }
        return new WebEndpointResponse<>(Map.of("bindings", result));
    }

    /** The recorded rewinds and start-up positionings ({@code GET /actuator/backtrack/history}). */
    @ReadOperation
    public WebEndpointResponse<Object> history(SecurityContext security, @Selector String section) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        if (!"history".equals(section)) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown section '" + section + "'; accepted: history");
        }
        List<ConsumerBinding> all = bindings.get();
        if (all.isEmpty()) {
            return new WebEndpointResponse<>(Map.of("entries", List.of()));
        }
        ConsumerBinding any = all.get(0);
        try (RewindJournal journal = new RewindJournal(any.nameServer(), RocketMqAdmin.rpcHook(settings(any)),
                journalTopic)) {
            return new WebEndpointResponse<>(Map.of("entries", JournalHistory.of(journal.entries()).items()));
        } catch (JournalException e) {
            return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /**
     * The rewind by time ({@code to}) of every queue: the full {@code rewind} without offsets, shift, other group or
     * queues.
     */
    public WebEndpointResponse<Object> rewind(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String to, @Nullable String dryRun,
            @Nullable String allowPartial) {
        return rewind(security, binding, group, topic, to, null, null, null, null, dryRun, allowPartial);
    }

    /**
     * Plans ({@code dryRun: true}) or executes a rewind of a binding's group (or of {@code group} + {@code topic}) to
     * exactly one of: a time ({@code to}), offsets ({@code toOffset}: one for every queue or
     * {@code broker-a/0=5,...}), a shift from the committed offsets ({@code shiftBy}: {@code -N} or {@code +N}) or
     * another group's committed offsets ({@code toGroupOf}); {@code queues} ({@code broker-a/0,...}) limits it to those
     * queues. Executed rewinds are recorded with the user's name. A rewind that would miss brokers which held queues
     * of the topic is refused (409) unless {@code allowPartial: true}.
     */
    @WriteOperation
    public WebEndpointResponse<Object> rewind(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String to, @Nullable String toOffset,
            @Nullable String shiftBy, @Nullable String toGroupOf, @Nullable String queues, @Nullable String dryRun,
            @Nullable String allowPartial) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        ConsumerBinding target;
        PositionRequest position;
        Set<QueueRef> selected;
        boolean dry;
        boolean partialAllowed;
        try {
            dry = dryRun(dryRun);
            partialAllowed = allowPartial(allowPartial);
            target = resolve(binding, group, topic);
            position = position(to, toOffset, shiftBy, toGroupOf);
            selected = queues == null || queues.isBlank() ? Set.of() : QueueRef.parseAll(List.of(queues), FIELD_QUEUES);
        } catch (IllegalArgumentException | InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(settings(target))) {
            JournalPrefetch journal = new JournalPrefetch(() -> journalEntries(admin.settings()));
            RewindPlan plan = new RewindPlanner(admin).plan(target.group(), target.topic(), position, selected);
            BrokerCoverage coverage = new BrokerCoverageCheck(admin, journal).check(plan);
            if (dry) {
                Map<String, Object> result = new LinkedHashMap<>(Map.of("dryRun", true, "plan", plan,
                        "messagesToReplay", plan.messagesToReplay()));
                if (!coverage.complete()) {
                    result.put("warning", coverage.describe(plan, ALLOW_PARTIAL));
                    result.put("missingBrokers", coverage.missingBrokers());
                }
                return new WebEndpointResponse<>(result);
            }
            if (!coverage.complete() && !partialAllowed) {
                return error(409, coverage.describe(plan, ALLOW_PARTIAL)
                        + " Nothing was changed.");
            }
            String actor = security.getPrincipal().getName();
            long started = System.nanoTime();
            FleetRewind outcome;
            try {
                outcome = rewindEveryInstance(admin, control, plan, actor);
            } catch (RuntimeException e) {
                observer.get().rewindFailed();
                throw e;
            }
            AppliedRewind applied = outcome.applied();
            JournalEntry entry = JournalEntry.of(JournalKind.REWIND, plan, plan.asked(), applied.appliedAt(), actor,
                    applied.path());
            observer.get().rewound(entry, applied.path(), Duration.ofNanos(System.nanoTime() - started));
            List<String> warnings = record(admin, plan, entry, actor);
            log.info("Backtrack: {} rewound group {} on topic {} to {} ({}): {} messages to replay", actor,
                    plan.group(), plan.topic(), plan.asked(), applied.path(), plan.messagesToReplay());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", false);
            result.put("id", entry.id());
            result.put("path", applied.path());
            result.put("note", outcome.note());
            result.put("acknowledgements", outcome.acknowledgements());
            result.put("silentClients", outcome.silentClients());
            result.put("plan", plan);
            result.put("verifiedOffsets", applied.verifiedOffsets());
            result.put("messagesToReplay", plan.messagesToReplay());
            result.put("partial", !coverage.complete());
            result.put("notMovedBrokers", coverage.missingBrokers());
            result.put("warnings", warnings);
            return new WebEndpointResponse<>(result);
        } catch (InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (UnknownTopicException e) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, e.getMessage());
        } catch (BroadcastingGroupException e) {
            return error(409, e.getMessage()); // the request is sound; the group's consumers keep their own offsets
        } catch (ProxiedConsumersException e) {
            return error(409, e.getMessage()); // the request is sound; the group's gRPC consumers must stop first
        } catch (RewindException e) {
            return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    /**
     * Plans ({@code dryRun: true}, the default) or replays the window [{@code from}, {@code until}) of a binding's
     * topic (or of {@code topic}) to its group (or {@code group}) through the group's retry topic, offsets left alone
     * ({@code POST /actuator/backtrack/replay}); replays are recorded with the user's name, and messages replayed to the
     * group before are refused (409) unless {@code again: true}.
     */
    public WebEndpointResponse<Object> replay(SecurityContext security, String section, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String from, @Nullable String until,
            @Nullable String tags, @Nullable String dryRun, @Nullable String again) {
        return operation(security, section, binding, group, topic, from, until, tags, dryRun, again, null);
    }

    /**
     * {@code POST /actuator/backtrack/replay}: see {@link #replay}. {@code POST /actuator/backtrack/undo}: plans
     * ({@code dryRun: true}, the default) or applies the undo of the recorded rewind {@code id}: its queues go back to
     * the committed offsets it replaced, like a rewind (in place where instances run the starter), recorded with the
     * user's name; 404 for an unknown id, 409 for an entry already undone or not a rewind.
     */
    @WriteOperation
    public WebEndpointResponse<Object> operation(SecurityContext security, @Selector String section,
            @Nullable String binding, @Nullable String group, @Nullable String topic, @Nullable String from,
            @Nullable String until, @Nullable String tags, @Nullable String dryRun, @Nullable String again,
            @Nullable String id) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        if ("undo".equals(section)) {
            return undo(security.getPrincipal().getName(), id, dryRun);
        }
        if (!"replay".equals(section)) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown operation '" + section
                    + "'; accepted: replay, undo");
        }
        ConsumerBinding target;
        try {
            target = resolve(binding, group, topic);
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        return new WindowReplayOperation(parser, journalTopic).run(settings(target), target.group(), target.topic(),
                new WindowReplayOperation.Request(from, until, tags, dryRun, again), security.getPrincipal().getName());
    }

    private WebEndpointResponse<Object> undo(String actor, @Nullable String id, @Nullable String dryRun) {
        List<ConsumerBinding> all = bindings.get();
        if (all.isEmpty()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST,
                    "This application has no RocketMQ consumer binding, so no cluster to use");
        }
        boolean dry;
        try {
            dry = dryRun(dryRun);
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        if (id == null || id.isBlank()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Field 'id' is missing; accepted: the id of a REWIND "
                    + "entry of GET /actuator/backtrack/history");
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(settings(all.get(0)))) {
            return new UndoOperation(admin, journalTopic, control, observer.get()).run(id.strip(), dry, actor);
        } catch (JournalException e) {
            return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** Applies the plan in place through the control topic when there is one, else through the brokers. */
    static FleetRewind rewindEveryInstance(RocketMqAdmin admin, Supplier<BacktrackControl> control, RewindPlan plan,
            String actor) {
        BacktrackControl fleet = control.get();
        Optional<FleetRewinder> rewinder = fleet == null ? Optional.empty() : fleet.fleetRewinder(admin);
        return rewinder.isPresent() ? rewinder.get().apply(plan, actor)
                : new FleetRewind(new RewindApplier(admin).apply(plan), List.of(), List.of(),
                        "no control topic: RocketMQ's broker-driven reset or a direct write was used");
    }

    /** The journal's entries, for the coverage check (read while the request plans). */
    private List<JournalEntry> journalEntries(AdminSettings settings) {
        try (RewindJournal journal = new RewindJournal(settings.nameServer(), RocketMqAdmin.rpcHook(settings),
                journalTopic)) {
            return journal.entries();
        }
    }

    /** Records the applied rewind; the offsets have moved already, so a failure here is a warning, not an error. */
    private List<String> record(RocketMqAdmin admin, RewindPlan plan, JournalEntry entry, String actor) {
        try (RewindJournal journal = RewindJournal.openForWriting(admin, journalTopic)) {
            journal.append(entry);
            return List.of();
        } catch (RuntimeException e) {
            String warning = "offsets moved; the record could not be written: " + firstLine(e);
            log.warn("Backtrack: rewind of group {} on topic {} by {}: {}", plan.group(), plan.topic(), actor, warning);
            return List.of(warning);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** The one position of the request: a time, offsets, a shift or another group; a clear error otherwise. */
    private PositionRequest position(@Nullable String to, @Nullable String toOffset, @Nullable String shiftBy,
            @Nullable String toGroupOf) {
        Map<String, String> given = new TreeMap<>();
        given.put("to", to);
        given.put("toOffset", toOffset);
        given.put("shiftBy", shiftBy);
        given.put("toGroupOf", toGroupOf);
        given.values().removeIf(value -> value == null || value.isBlank());
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Field 'to' is missing; accepted: " + TimeExpressionParser.ACCEPTED_FORMS
                    + ". Or, instead of 'to', one of: " + OTHER_POSITIONS);
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("Fields " + String.join(", ", given.keySet().stream()
                    .map(f -> "'" + f + "'").toList()) + " were given together; accepted: exactly one of 'to' (a "
                    + "time), " + OTHER_POSITIONS);
        }
        Map.Entry<String, String> one = given.entrySet().iterator().next();
        String value = one.getValue();
        return switch (one.getKey()) {
            case "to" -> new PositionRequest.AtTime(parser.toEpochMillis(value), value);
            case "toOffset" -> PositionRequest.offsets(value, "Field 'toOffset'");
            case "shiftBy" -> PositionRequest.shift(value, "Field 'shiftBy'");
            default -> PositionRequest.groupOf(value, "Field 'toGroupOf'");
        };
    }

    /** Whether the operator accepts a rewind that misses brokers which held queues of the topic (default false). */
    private static boolean allowPartial(String allowPartial) {
        if (allowPartial == null || allowPartial.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (allowPartial.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("Field 'allowPartial' is " + BadValues.quote(allowPartial)
                + "; accepted: false (the default: refuse when brokers that held queues of the topic are missing) "
                + "or true (rewind what can be reached)");
    }

    /** A dry run unless {@code dryRun} is false: moving offsets is never a guess. */
    static boolean dryRun(String dryRun) {
        if (dryRun == null || dryRun.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (dryRun.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Field 'dryRun' is " + BadValues.quote(dryRun)
                + "; accepted: true (the default: only show the plan) or false (rewind)");
    }

    private ConsumerBinding resolve(String binding, String group, String topic) {
        List<ConsumerBinding> all = bindings.get();
        if (binding != null && !binding.isBlank()) {
            return all.stream().filter(b -> b.name().equals(binding)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Binding " + BadValues.quote(binding)
                            + " is not a RocketMQ consumer binding of this application; accepted: " + names(all)));
        }
        if (group == null || topic == null || group.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("Give 'binding' (one of " + names(all) + ") or both 'group' and 'topic'");
        }
        ConsumerBinding template = all.isEmpty() ? null : all.get(0);
        if (template == null) {
            throw new IllegalArgumentException("This application has no RocketMQ consumer binding, so no cluster to use");
        }
        return new ConsumerBinding("(" + group + ")", topic, group, null, null, template.nameServer(),
                template.accessKey(), template.secretKey());
    }

    private static List<String> names(List<ConsumerBinding> all) {
        return all.stream().map(ConsumerBinding::name).toList();
    }

    private WebEndpointResponse<Object> refuse(SecurityContext security) {
        Principal principal = security.getPrincipal();
        if (principal == null) {
            return error(401, "Authentication required");
        }
        if (!security.isUserInRole(role)) {
            return error(403, "User '" + principal.getName() + "' lacks role " + role);
        }
        return null;
    }

    static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("error", message), status);
    }

    private AdminSettings settings(ConsumerBinding binding) {
        return new AdminSettings(binding.nameServer(), binding.accessKey(), binding.secretKey(), timeout)
                .withProxies(proxies);
    }

}
