package dev.backtrack.console.cluster;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.console.BacktrackConsoleProperties;
import dev.backtrack.core.cluster.AdminSettings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which cluster the console shows: {@code backtrack.console.name-server} when set, else that of the application's
 * first RocketMQ consumer binding or listener, else the binder's name server, else 127.0.0.1:9876.
 */
public final class ClusterSettings {

    /** RocketMQ's usual local name server. */
    public static final String LOCAL_NAME_SERVER = "127.0.0.1:9876";

    private ClusterSettings() {
    }

    /** The settings from the console's properties, the application's consumers and the binder's name server. */
    public static AdminSettings resolve(BacktrackConsoleProperties console, List<ConsumerBinding> consumers,
            @Nullable String binderNameServer, Duration timeout) {
        String accessKey = console.getAccessKey();
        String secretKey = console.getSecretKey();
        if (present(console.getNameServer())) {
            return new AdminSettings(console.getNameServer(), accessKey, secretKey, timeout);
        }
        if (!consumers.isEmpty()) {
            ConsumerBinding first = consumers.get(0);
            return new AdminSettings(first.nameServer(), present(accessKey) ? accessKey : first.accessKey(),
                    present(secretKey) ? secretKey : first.secretKey(), timeout);
        }
        return new AdminSettings(present(binderNameServer) ? binderNameServer : LOCAL_NAME_SERVER, accessKey,
                secretKey, timeout);
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
