package dev.backtrack.autoconfigure;

import dev.backtrack.autoconfigure.positioning.OnJournalFailure;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.positioning.StartupPositioning;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Backtrack's settings for positioning consumers by time. */
@ConfigurationProperties(prefix = "backtrack")
public class BacktrackProperties {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Zone for time expressions without an offset, such as the seed's 20220117110148; default: the system zone. */
    private ZoneId zone = ZoneId.systemDefault();

    /** Timeout of each request Backtrack sends to RocketMQ, and of the wait for instances to acknowledge a rewind order. */
    private Duration timeout = DEFAULT_TIMEOUT;

    private final Positioning positioning = new Positioning();

    private final Journal journal = new Journal();

    private final Endpoint endpoint = new Endpoint();

    private final Control control = new Control();

    /**
     * Remoting addresses (host:port) of the RocketMQ proxies in front of the cluster: consumers they serve (gRPC
     * clients, rocketmq-client-java) count as online, which the brokers alone cannot tell.
     */
    private List<String> proxies = new ArrayList<>();

    /** rocketmq-spring listeners ({@code @RocketMQMessageListener}) by consumer group. */
    private final Map<String, Listener> listeners = new LinkedHashMap<>();

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("backtrack.timeout must be a positive duration such as 5s, 500ms or "
                    + "PT10S; was " + BadValues.quote(String.valueOf(timeout)));
        }
        this.timeout = timeout;
    }

    public List<String> getProxies() {
        return proxies;
    }

    public void setProxies(List<String> proxies) {
        this.proxies = proxies;
    }

    public Positioning getPositioning() {
        return positioning;
    }

    public Journal getJournal() {
        return journal;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public Control getControl() {
        return control;
    }

    public Map<String, Listener> getListeners() {
        return listeners;
    }

    /** How consumeFromWhere: CONSUME_FROM_TIMESTAMP bindings are positioned at start-up. */
    public static class Positioning {

        /** Whether to position CONSUME_FROM_TIMESTAMP bindings before their consumers start. */
        private boolean enabled = true;

        /** ONCE: apply each (group, topic, consumeTimestamp) once, for new and existing groups; NATIVE: only groups with no stored offsets, as RocketMQ does. */
        private StartupPositioning mode = StartupPositioning.ONCE;

        /** When the journal cannot be read (whether a setting was applied is unknown): FAIL stops start-up naming the cause; SKIP starts without positioning the binding and logs a WARN that says so and why. */
        private OnJournalFailure onJournalFailure = OnJournalFailure.FAIL;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public StartupPositioning getMode() {
            return mode;
        }

        public void setMode(StartupPositioning mode) {
            this.mode = mode;
        }

        public OnJournalFailure getOnJournalFailure() {
            return onJournalFailure;
        }

        public void setOnJournalFailure(OnJournalFailure onJournalFailure) {
            this.onJournalFailure = onJournalFailure;
        }
    }

    /** Where the record of applied positions and rewinds is kept on the broker. */
    public static class Journal {

        /** Topic that holds Backtrack's journal. */
        private String topic = "BACKTRACK_JOURNAL";

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = checkedTopic("backtrack.journal.topic", topic);
        }
    }

    /** Who may use the {@code backtrack} actuator endpoint. */
    public static class Endpoint {

        /** Role an authenticated user needs for every operation of the backtrack endpoint. */
        private String role = "BACKTRACK_ADMIN";

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }

    /** The control topic that carries rewind orders to every instance. */
    public static class Control {

        /** Whether this application listens for rewind orders and rewinds its consumers in place. */
        private boolean enabled = true;

        /** Topic that carries rewind orders and acknowledgements. */
        private String topic = "BACKTRACK_CONTROL";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = checkedTopic("backtrack.control.topic", topic);
        }
    }

    /** Settings of one rocketmq-spring listener, keyed by its consumer group. */
    public static class Listener {

        /** Position the listener's group at the first message stored at or after this time before the listener starts (once per value; every time form, e.g. 20220117110148, 2022-01-17T11:01:48.123, -1h); overrides a consumeTimestamp set in prepareStart. */
        private @Nullable String consumeTimestamp;

        public @Nullable String getConsumeTimestamp() {
            return consumeTimestamp;
        }

        public void setConsumeTimestamp(@Nullable String consumeTimestamp) {
            this.consumeTimestamp = consumeTimestamp;
        }
    }

    static String checkedTopic(String property, String topic) {
        try {
            return RocketMqNames.requireTopic(topic);
        } catch (InvalidRewindInputException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }
}
