package dev.backtrack.cli;

import dev.backtrack.core.rewind.AdminSettings;
import dev.backtrack.core.rewind.RocketMqAdmin;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** Options every command shares: where the cluster is, how to sign in, how to print. */
final class ClusterOptions {

    @Option(names = {"-n", "--namesrv"}, defaultValue = "127.0.0.1:9876", paramLabel = "HOST:PORT",
            description = "Name server address(es), several separated by ';' (default: ${DEFAULT-VALUE}).")
    String nameServer;

    @Option(names = "--access-key", paramLabel = "KEY", description = "RocketMQ ACL access key.")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "KEY", description = "RocketMQ ACL secret key.")
    String secretKey;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Zone for times without an offset and for printed times (default: the system zone).")
    String zone;

    @Option(names = "--json", description = "Print one JSON document on standard output and nothing else there.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Timeout of each request to the cluster, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    Duration timeout;

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
        return new AdminSettings(nameServer, accessKey, secretKey, timeout);
    }

    RocketMqAdmin connect() {
        return new RocketMqAdmin(settings());
    }
}
