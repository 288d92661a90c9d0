package dev.backtrack.cli;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.time.TimeExpressionParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where the cluster is, how to sign in, how to print. */
final class ClusterOptions {

    /** RocketMQ's own variable for the name server, as mqadmin reads it. */
    static final String NAMESRV_ADDR = "NAMESRV_ADDR";
    /** The variable holding the ACL access key when --access-key is not given. */
    static final String ACCESS_KEY_VARIABLE = "BACKTRACK_ACCESS_KEY";
    /** The variable holding the ACL secret key when neither --secret-key nor --secret-key-file is given. */
    static final String SECRET_KEY_VARIABLE = "BACKTRACK_SECRET_KEY";
    /** The variable holding the proxies' remoting addresses (';'-separated) when --proxy is not given. */
    static final String PROXIES_VARIABLE = "BACKTRACK_PROXIES";

    @Option(names = {"-n", "--namesrv"}, defaultValue = "127.0.0.1:9876", paramLabel = "HOST:PORT",
            description = "Name server address(es), several separated by ';' (default: $" + NAMESRV_ADDR
                    + " if set, else 127.0.0.1:9876).")
    String nameServer;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", split = ";",
            description = "Remoting address of a RocketMQ proxy (its remoting port, 8080 by default), repeatable or "
                    + "separated by ';': consumers it serves (gRPC clients, rocketmq-client-java) count as online, "
                    + "which the brokers alone cannot tell (default: $" + PROXIES_VARIABLE + ").")
    List<String> proxies;

    @Option(names = "--access-key", paramLabel = "KEY",
            description = "RocketMQ ACL access key (default: $" + ACCESS_KEY_VARIABLE + ").")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "KEY",
            description = "RocketMQ ACL secret key. Shown by ps and kept in shell history: prefer --secret-key-file or $"
                    + SECRET_KEY_VARIABLE + ".")
    String secretKey;

    @Option(names = "--secret-key-file", paramLabel = "PATH",
            description = "Read the RocketMQ ACL secret key from this file (its content, surrounding whitespace "
                    + "removed). Without --secret-key and this option, $" + SECRET_KEY_VARIABLE + " is used.")
    Path secretKeyFile;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Zone for times without an offset and for printed times (default: the system zone).")
    String zone;

    @Option(names = "--json", description = "Print one JSON document on standard output and nothing else there.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Timeout of each request to the cluster, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The process environment (injected by {@link BacktrackCli#run}); never printed. */
    Map<String, String> environment = Map.of();

    ZoneId zoneId() {
        if (zone == null || zone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new UsageException("Zone '" + zone + "' is unknown; accepted: a region such as Asia/Shanghai, "
                    + "UTC, or an offset such as +08:00");
        }
    }

    TimeExpressionParser parser() {
        return new TimeExpressionParser(zoneId());
    }

    AdminSettings settings() {
        String access = accessKey != null ? accessKey : variable(ACCESS_KEY_VARIABLE);
        return new AdminSettings(nameServer, access, secret(), timeout).withProxies(proxyAddresses());
    }

    /** --proxy, else the variable split at ';', else none. */
    private List<String> proxyAddresses() {
        if (proxies != null && !proxies.isEmpty()) {
            return proxies;
        }
        String variable = variable(PROXIES_VARIABLE);
        return variable == null ? List.of() : Arrays.stream(variable.split(";")).filter(a -> !a.isBlank()).toList();
    }

    RocketMqAdmin connect() {
        return new RocketMqAdmin(settings());
    }

    /** The secret key: --secret-key, else the file's content, else the variable, else null. */
    private String secret() {
        if (secretKey != null && secretKeyFile != null) {
            throw new UsageException("Give the secret key once: --secret-key or --secret-key-file, not both");
        }
        if (secretKey != null) {
            return secretKey;
        }
        if (secretKeyFile != null) {
            return readSecretKeyFile(secretKeyFile);
        }
        return variable(SECRET_KEY_VARIABLE);
    }

    static String readSecretKeyFile(Path file) {
        if (!Files.exists(file)) {
            throw new UsageException("Secret key file '" + file + "' (--secret-key-file) does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("Secret key file '" + file + "' (--secret-key-file) is not a regular file");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new UsageException("Secret key file '" + file + "' (--secret-key-file) cannot be read: "
                    + e.getClass().getSimpleName());
        }
        if (content.isEmpty()) {
            throw new UsageException("Secret key file '" + file + "' (--secret-key-file) is empty; accepted: a file "
                    + "holding the secret key");
        }
        return content;
    }

    private String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
