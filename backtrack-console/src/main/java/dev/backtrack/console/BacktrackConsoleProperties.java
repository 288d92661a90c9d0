package dev.backtrack.console;

import dev.backtrack.core.operation.RunOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the Backtrack console ({@code backtrack.console.*}). */
@ConfigurationProperties(prefix = "backtrack.console")
public class BacktrackConsoleProperties {

    /** Serve the console under /backtrack-console (off unless set to true). */
    private boolean enabled;

    /**
     * Name server of the cluster the console shows; by default the application's RocketMQ binder's (the embedded one
     * when that runs).
     */
    private @Nullable String nameServer;

    /** RocketMQ ACL access key for the console's cluster; by default the binder's. */
    private @Nullable String accessKey;

    /** RocketMQ ACL secret key for the console's cluster; by default the binder's. */
    private @Nullable String secretKey;

    /**
     * Who may log in. Without any user, one user "admin" with role BACKTRACK_ADMIN and a generated password (logged
     * at WARN) is created; a user with an empty password gets a generated one, logged the same way.
     */
    private List<User> users = new ArrayList<>();

    /**
     * How long a paused, failed or stopped run of a window replay or a redrive must have stored nothing before the
     * console resumes it: a run that stored a message more recently may be sending still, in another process.
     */
    private Duration resumeQuiet = RunOperation.QUIET;

    /** Peeking at messages. */
    private final Peek peek = new Peek();

    /** The topic's timeline. */
    private final Timeline timeline = new Timeline();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getNameServer() {
        return nameServer;
    }

    public void setNameServer(@Nullable String nameServer) {
        this.nameServer = nameServer;
    }

    public @Nullable String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(@Nullable String accessKey) {
        this.accessKey = accessKey;
    }

    public @Nullable String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(@Nullable String secretKey) {
        this.secretKey = secretKey;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public Duration getResumeQuiet() {
        return resumeQuiet;
    }

    public void setResumeQuiet(Duration resumeQuiet) {
        if (resumeQuiet.isNegative()) {
            throw new IllegalArgumentException("backtrack.console.resume-quiet is " + resumeQuiet + "; accepted: a "
                    + "duration of 0 or more, e.g. 20s");
        }
        this.resumeQuiet = resumeQuiet;
    }

    public Peek getPeek() {
        return peek;
    }

    public Timeline getTimeline() {
        return timeline;
    }

    /** A console user. */
    public static class User {

        /** Login name. */
        private String name = "";

        /**
         * Password: "{bcrypt}..." (a bcrypt hash), "{noop}..." or plain text (read as {noop}); empty for a generated
         * one, logged at WARN.
         */
        private String password = "";

        /** Roles: BACKTRACK_VIEWER (look) and/or BACKTRACK_ADMIN (also rewind and undo). */
        private List<String> roles = new ArrayList<>(List.of("BACKTRACK_VIEWER"));

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    /** Limits of a peek. */
    public static class Peek {

        /** Messages shown when the request gives no limit. */
        private int defaultLimit = 20;

        /** Most messages one peek may ask for. */
        private int maxLimit = 200;

        /** Bytes of a body shown; longer bodies are cut and flagged as truncated. */
        private int maxBodyBytes = 4096;

        public int getDefaultLimit() {
            return defaultLimit;
        }

        public void setDefaultLimit(int defaultLimit) {
            this.defaultLimit = defaultLimit;
        }

        public int getMaxLimit() {
            return maxLimit;
        }

        public void setMaxLimit(int maxLimit) {
            this.maxLimit = maxLimit;
        }

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }
    }

    /** Defaults of the timeline. */
    public static class Timeline {

        /** Buckets when the request gives none (a request may ask for 1 to 500). */
        private int defaultBuckets = 60;

        public int getDefaultBuckets() {
            return defaultBuckets;
        }

        public void setDefaultBuckets(int defaultBuckets) {
            this.defaultBuckets = defaultBuckets;
        }
    }
}
