package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.operation.BatchRewindOperation;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.Refusal;
import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.operation.RunOperation;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.DeadLetters;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.time.TimeExpressionParser;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * (dry run) and rewinds, one group on one topic or a batch, undo, window replays and redrives, snapshots and offsets
 * files, and the record of them all. Every operation needs an authenticated user with the configured role; each only
 * parses the request and renders what core's operation answers.
 */
@WebEndpoint(id = "backtrack")
public class BacktrackEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BacktrackEndpoint.class);
    private static final String NO_BINDING = "This application has no RocketMQ consumer binding, so no cluster to use";

    private final Supplier<List<ConsumerBinding>> bindings;
    private final TimeExpressionParser parser;
    private final String role;
    private final String journalTopic;
    private final Supplier<BacktrackControl> control;
    private final Duration timeout;
    private final List<String> proxies;
    private final Supplier<RewindObserver> observer;
    private final Runnable runsChanged;
    private final EndpointSessions sessions;

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
        this(bindings, parser, role, journalTopic, control, timeout, proxies, observer, () -> { });
    }

    /**
     * As the other constructors, also calling {@code runsChanged} after every replay, redrive, resume and abort (a
     * run may have started, paused or ended: views of the runs read the journal again).
     */
    public BacktrackEndpoint(Supplier<List<ConsumerBinding>> bindings, TimeExpressionParser parser, String role,
            String journalTopic, Supplier<BacktrackControl> control, Duration timeout, List<String> proxies,
            Supplier<RewindObserver> observer, Runnable runsChanged) {
        this.proxies = List.copyOf(proxies);
        this.observer = observer;
        this.runsChanged = runsChanged;
        this.bindings = bindings;
        this.parser = parser;
        this.role = role;
        this.journalTopic = journalTopic;
        this.control = control;
        this.timeout = timeout;
        this.sessions = new EndpointSessions(journalTopic, control);
    }

    /** Closes the cluster sessions the endpoint kept (when the application context closes). */
    @Override
    public void close() {
        sessions.close();
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
            try {
                RocketMqAdmin admin = sessions.of(settings(binding)).admin();
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
        KeptClusterSession session = journalSession();
        if (session == null) {
            return new WebEndpointResponse<>(Map.of("entries", List.of()));
        }
        try {
            List<JournalEntry> entries = session.journalEntries();
            return new WebEndpointResponse<>(Map.of("entries", JournalHistory.of(entries).items()));
        } catch (RuntimeException e) {
            return refusal(e);
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
     * of the topic is refused (409) unless {@code allowPartial: true}. The replayed messages are consumed at full
     * speed: the same request with a {@code rate} paces them.
     */
    public WebEndpointResponse<Object> rewind(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String to, @Nullable String toOffset,
            @Nullable String shiftBy, @Nullable String toGroupOf, @Nullable String queues, @Nullable String dryRun,
            @Nullable String allowPartial) {
        return rewind(security, binding, group, topic, to, toOffset, shiftBy, toGroupOf, queues, dryRun,
                allowPartial, null);
    }

    /**
     * The rewind above, with {@code rate} ({@code 200/s}, {@code 200}, {@code 600/m}): the instances with the starter
     * that are rewound in place consume the replayed messages at most that many a second in total, then what follows
     * at full speed; a rewind that cannot be paced (some instance without the starter, an offline group) proceeds at
     * full speed and says so in {@code warnings}.
     */
    public WebEndpointResponse<Object> rewind(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String to, @Nullable String toOffset,
            @Nullable String shiftBy, @Nullable String toGroupOf, @Nullable String queues, @Nullable String dryRun,
            @Nullable String allowPartial, @Nullable String rate) {
        return rewind(security, binding, group, topic, to, toOffset, shiftBy, toGroupOf, queues, dryRun,
                allowPartial, rate, null, null, null);
    }

    /**
     * The rewind above, or a batch of them: {@code allGroups: true} with {@code topic} (without {@code group} or
     * {@code binding}) rewinds every group of the topic, {@code allTopics: true} with {@code group} (without
     * {@code topic} or {@code binding}) rewinds the group on every topic it consumes, every queue, to the same
     * position (any of the single form's), recorded under one batch id with the user's name ({@code undo} takes it).
     * One refused group or topic refuses the batch (409, naming every refused pair and why; nothing moves) unless
     * {@code skipRefused: true} leaves them out; a batch that fails part way answers the failure's status with every
     * pair's result.
     */
    @WriteOperation
    public WebEndpointResponse<Object> rewind(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String topic, @Nullable String to, @Nullable String toOffset,
            @Nullable String shiftBy, @Nullable String toGroupOf, @Nullable String queues, @Nullable String dryRun,
            @Nullable String allowPartial, @Nullable String rate, @Nullable String allGroups,
            @Nullable String allTopics, @Nullable String skipRefused) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        String actor = security.getPrincipal().getName();
        ConsumerBinding target;
        PositionRequest position;
        Set<QueueRef> selected;
        boolean dry;
        boolean partialAllowed;
        SendRate pace;
        try {
            dry = RequestFields.dryRun(dryRun);
            pace = SendRate.parse(rate);
            partialAllowed = RequestFields.allowPartial(allowPartial);
            BatchRewindRequest.Scope scope = BatchFields.scope(binding, group, topic, queues, allGroups, allTopics,
                    skipRefused);
            target = scope == null ? resolve(binding, group, topic) : null;
            position = RequestFields.position(to, toOffset, shiftBy, toGroupOf, parser);
            if (scope != null) {
                BatchRewindRequest request = new BatchRewindRequest(scope, position, BatchFields.skipRefused(
                        skipRefused), partialAllowed, actor, RequestFields.ALLOW_PARTIAL, BatchFields.SKIP_REFUSED,
                        pace);
                KeptClusterSession session = journalSession();
                if (session == null) {
                    return error(WebEndpointResponse.STATUS_BAD_REQUEST, NO_BINDING);
                }
                return BatchRewindResponse.run(new BatchRewindOperation(session, new RewindTargets(session.admin()),
                        observer.get()), request, dry);
            }
            selected = RequestFields.queues(queues);
        } catch (IllegalArgumentException | InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        RewindRequest request = new RewindRequest(target.group(), target.topic(), position, selected, dry,
                partialAllowed, actor, RequestFields.ALLOW_PARTIAL, pace);
        RewindOutcome outcome;
        try {
            outcome = new RewindOperation(sessions.of(settings(target)), observer.get()).run(request);
        } catch (RuntimeException e) {
            return refusal(e);
        }
        RewindPlan plan = outcome.checked().plan();
        BrokerCoverage coverage = outcome.checked().coverage();
        FleetRewind applied = outcome.applied();
        if (applied == null) {
            Map<String, Object> result = new LinkedHashMap<>(Map.of("dryRun", true, "plan", plan,
                    "messagesToReplay", plan.messagesToReplay()));
            if (!coverage.complete()) {
                result.put("warning", coverage.describe(plan, RequestFields.ALLOW_PARTIAL));
                result.put("missingBrokers", coverage.missingBrokers());
            }
            return new WebEndpointResponse<>(result);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dryRun", false);
        result.put("id", Objects.requireNonNull(outcome.entry()).id());
        result.put("path", applied.applied().path());
        result.put("note", applied.note());
        result.put("acknowledgements", applied.acknowledgements());
        result.put("silentClients", applied.silentClients());
        result.put("plan", plan);
        result.put("verifiedOffsets", applied.applied().verifiedOffsets());
        result.put("messagesToReplay", plan.messagesToReplay());
        result.put("partial", outcome.partial());
        result.put("notMovedBrokers", coverage.missingBrokers());
        if (pace.limited()) {
            result.put("rate", pace.describe());
        }
        result.put("warnings", outcome.warnings());
        return new WebEndpointResponse<>(result);
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
        return operation(security, section, binding, group, topic, from, until, tags, dryRun, again, null, null,
                null, null, null, null);
    }

    /**
     * Plans ({@code dryRun: true}, the default) or redrives the dead letters of a binding's group (or {@code group})
     * stored in [{@code from}, {@code until}) (default: the oldest kept, now) that {@code tags}, {@code keys} and the
     * SQL92 {@code filter} take: they go back to the group through its retry topic under the topic each was published
     * to ({@code POST /actuator/backtrack/redrive}); redrives are recorded with the user's name, and dead letters
     * redriven to the group before are refused (409) unless {@code again: true}.
     */
    public WebEndpointResponse<Object> redrive(SecurityContext security, @Nullable String binding,
            @Nullable String group, @Nullable String from, @Nullable String until, @Nullable String tags,
            @Nullable String keys, @Nullable String filter, @Nullable String dryRun, @Nullable String again) {
        return operation(security, "redrive", binding, group, null, from, until, tags, dryRun, again, null, keys,
                filter, null, null, null);
    }

    /**
     * {@code POST /actuator/backtrack/replay}: see {@link #replay}; {@code canary} (a count of messages sent first,
     * alone, whose consumption is awaited) and {@code pauseAbove} (the share of failures in the last minute above
     * which the run pauses, e.g. {@code 5} or {@code 2.5%}) shape how it sends, with {@code rate}; a run that paused
     * answers 409 with its {@code runId}, a failed send 500. {@code POST /actuator/backtrack/redrive}: see
     * {@link #redrive}, with the same fields and answers. {@code POST /actuator/backtrack/undo}: plans
     * ({@code dryRun: true}, the default) or applies the undo of the recorded rewind {@code id}: its queues go back to
     * the committed offsets it replaced, like a rewind (in place where instances run the starter), recorded with the
     * user's name; 404 for an unknown id, 409 for an entry already undone or not a rewind.
     * {@code POST /actuator/backtrack/resume}: sends what the paused, failed or stopped run {@code id} left, each
     * message once, at the run's rate and threshold unless {@code rate}, {@code canary} or {@code pauseAbove} are
     * given. {@code POST /actuator/backtrack/abort}: ends run {@code id} for good. Both are recorded with the user's
     * name; 400 for an unknown id or a run that finished or was aborted.
     */
    public WebEndpointResponse<Object> operation(SecurityContext security, @Selector String section,
            @Nullable String binding, @Nullable String group, @Nullable String topic, @Nullable String from,
            @Nullable String until, @Nullable String tags, @Nullable String dryRun, @Nullable String again,
            @Nullable String id, @Nullable String keys, @Nullable String filter, @Nullable String rate,
            @Nullable String canary, @Nullable String pauseAbove) {
        return operation(security, section, binding, group, topic, from, until, tags, dryRun, again, id, keys, filter,
                rate, canary, pauseAbove, null, null, null, null);
    }

    /**
     * The operations above, and: {@code POST /actuator/backtrack/undo} with a batch id undoes every rewind of the
     * batch (dry run by default, each entry's result). {@code POST /actuator/backtrack/snapshot} records the committed
     * offsets of {@code group} on {@code topics} (comma-separated; default every topic it consumes) under
     * {@code name}; {@code POST /actuator/backtrack/restore} plans ({@code dryRun: true}, the default) or puts the
     * group back at the snapshot {@code id} (its name, of {@code group} when given, or a batch or entry id).
     * {@code POST /actuator/backtrack/export} answers the offsets file of {@code group} on {@code topics} as
     * {@code csv} and records the export; {@code POST /actuator/backtrack/import} checks every row of {@code csv}
     * (400 naming each wrong line), then plans or moves {@code group} on the queues the rows name. Restore and import
     * take {@code allowPartial}. All are recorded with the user's name.
     */
    @WriteOperation
    public WebEndpointResponse<Object> operation(SecurityContext security, @Selector String section,
            @Nullable String binding, @Nullable String group, @Nullable String topic, @Nullable String from,
            @Nullable String until, @Nullable String tags, @Nullable String dryRun, @Nullable String again,
            @Nullable String id, @Nullable String keys, @Nullable String filter, @Nullable String rate,
            @Nullable String canary, @Nullable String pauseAbove, @Nullable String topics, @Nullable String name,
            @Nullable String csv, @Nullable String allowPartial) {
        WebEndpointResponse<Object> refused = refuse(security);
        if (refused != null) {
            return refused;
        }
        String actor = security.getPrincipal().getName();
        if ("undo".equals(section)) {
            return undo(actor, id, dryRun);
        }
        if (SnapshotFields.SECTIONS.contains(section)) {
            return snapshots(section, actor, new SnapshotFields(binding, group, topics, name, id, csv, dryRun,
                    allowPartial));
        }
        if ("resume".equals(section) || "abort".equals(section)) {
            try {
                return run(section, actor, id, new ResumeResponse.Request(rate, canary, pauseAbove));
            } finally {
                runsChanged.run();
            }
        }
        if (!"replay".equals(section) && !"redrive".equals(section)) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown operation '" + section
                    + "'; accepted: replay, redrive, undo, resume, abort, snapshot, restore, export, import");
        }
        ConsumerBinding target;
        try {
            target = "redrive".equals(section) ? resolveGroup(binding, group) : resolve(binding, group, topic);
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        KeptClusterSession session = sessions.of(settings(target));
        try {
            if ("redrive".equals(section)) {
                return RedriveResponse.run(new RedriveOperation(session, session.admin()), parser, target.group(),
                        new RedriveResponse.Request(from, until, tags, keys, filter, dryRun, again, rate, canary,
                                pauseAbove), actor);
            }
            return ReplayResponse.run(new ReplayOperation(session, session.admin()), parser, target.group(),
                    target.topic(), new ReplayResponse.Request(from, until, tags, dryRun, again, rate, canary,
                            pauseAbove), actor);
        } finally {
            runsChanged.run();
        }
    }

    /** Resumes or aborts run {@code id}, kept in the journal on the cluster of the application's bindings. */
    private WebEndpointResponse<Object> run(String section, String actor, @Nullable String id,
            ResumeResponse.Request request) {
        KeptClusterSession session = journalSession();
        if (session == null) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, NO_BINDING);
        }
        if (id == null || id.isBlank()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Field 'id' is missing; accepted: the runId a "
                    + "replay or a redrive answered (GET /actuator/backtrack/history lists runs)");
        }
        RunOperation runs = new RunOperation(session, session.admin());
        return "resume".equals(section) ? ResumeResponse.run(runs, id.strip(), request, actor)
                : AbortResponse.run(runs, id.strip(), actor);
    }

    private WebEndpointResponse<Object> undo(String actor, @Nullable String id, @Nullable String dryRun) {
        KeptClusterSession session = journalSession();
        if (session == null) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, NO_BINDING);
        }
        boolean dry;
        try {
            dry = RequestFields.dryRun(dryRun);
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        if (id == null || id.isBlank()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Field 'id' is missing; accepted: the id of a REWIND "
                    + "entry of GET /actuator/backtrack/history, or the batch id of a batch rewind");
        }
        return UndoResponse.run(session, observer.get(), id.strip(), dry, actor);
    }

    /** Takes a snapshot, restores one, exports or imports offsets, through the journal's cluster. */
    private WebEndpointResponse<Object> snapshots(String section, String actor, SnapshotFields fields) {
        KeptClusterSession session = journalSession();
        if (session == null) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, NO_BINDING);
        }
        SnapshotResponse snapshots = new SnapshotResponse(session, observer.get(), actor);
        try {
            return switch (section) {
                case "snapshot" -> snapshots.snapshot(groupOf(fields), fields.topicList(), fields.name());
                case "restore" -> snapshots.restore(fields.requireId(), restoreGroup(fields),
                        fields.dry(), fields.partialAllowed());
                case "export" -> snapshots.export(groupOf(fields), fields.topicList());
                default -> snapshots.importCsv(groupOf(fields), fields.requireCsv(), fields.dry(),
                        fields.partialAllowed());
            };
        } catch (IllegalArgumentException | InvalidRewindInputException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
    }

    /** The group a restore names, by 'group' or 'binding'; null when neither is given. */
    private @Nullable String restoreGroup(SnapshotFields fields) {
        if (fields.group() != null && !fields.group().isBlank()) {
            return fields.group().strip();
        }
        return fields.binding() == null || fields.binding().isBlank() ? null : groupOf(fields);
    }

    private String groupOf(SnapshotFields fields) {
        return resolveGroup(fields.binding(), fields.group()).group();
    }

    /** The session on the cluster of the application's first binding, which keeps the journal; null when none. */
    private @Nullable KeptClusterSession journalSession() {
        List<ConsumerBinding> all = bindings.get();
        return all.isEmpty() ? null : sessions.of(settings(all.get(0)));
    }

    /** The error answer for a failed operation: the status of its {@link Refusal}, 500 for anything else. */
    static WebEndpointResponse<Object> refusal(RuntimeException failure) {
        Optional<Refusal> refusal = Refusal.of(failure);
        if (refusal.isEmpty()) {
            log.error("Backtrack: the operation failed unexpectedly", failure);
            return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, failure.toString());
        }
        if (refusal.get() == Refusal.CLUSTER_FAILURE) {
            log.warn("Backtrack: {}", failure.getMessage());
        }
        return error(refusal.get().httpStatus(), failure.getMessage());
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
        return onClusterOf(all, group, topic);
    }

    /** The binding named {@code binding}, else {@code group} on the cluster of the application's bindings. */
    private ConsumerBinding resolveGroup(@Nullable String binding, @Nullable String group) {
        List<ConsumerBinding> all = bindings.get();
        if ((binding == null || binding.isBlank()) && (group == null || group.isBlank())) {
            throw new IllegalArgumentException("Give 'binding' (one of " + names(all) + ") or 'group'");
        }
        if (binding != null && !binding.isBlank()) {
            return resolve(binding, null, null);
        }
        return onClusterOf(all, group, DeadLetters.topicOf(group));
    }

    private static ConsumerBinding onClusterOf(List<ConsumerBinding> all, String group, String topic) {
        ConsumerBinding template = all.isEmpty() ? null : all.get(0);
        if (template == null) {
            throw new IllegalArgumentException(NO_BINDING);
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
        return binding.adminSettings(timeout).withProxies(proxies);
    }

}
