package dev.backtrack.core.cluster;

import dev.backtrack.core.InvalidRewindInputException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a RocketMQ cluster.
 *
 * @param nameServer name server address(es): {@code host:port}, several separated by ';' (kept trimmed)
 * @param accessKey RocketMQ ACL access key, or null
 * @param secretKey RocketMQ ACL secret key, or null
 * @param timeout how long a single request may take
 */
public record AdminSettings(String nameServer, @Nullable String accessKey, @Nullable String secretKey,
        Duration timeout) {

    /** Checks the name-server address, the ACL pair and the timeout. */
    public AdminSettings {
        nameServer = NameServerAddresses.canonical(nameServer);
        if ((blank(accessKey)) != (blank(secretKey))) {
            throw new InvalidRewindInputException("RocketMQ ACL needs both an access key and a secret key, or neither");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRewindInputException("Timeout must be positive, was " + timeout);
        }
    }

    /** Settings without ACL and with a 5 s request timeout. */
    public static AdminSettings of(String nameServer) {
        return new AdminSettings(nameServer, null, null, Duration.ofSeconds(5));
    }

    /** Whether ACL credentials are set. */
    public boolean hasCredentials() {
        return !blank(accessKey);
    }

    /** The settings without the secret key, which is never printed. */
    @Override
    public String toString() {
        return "AdminSettings[nameServer=" + nameServer + ", accessKey=" + accessKey + ", secretKey="
                + (blank(secretKey) ? "none" : "(hidden)") + ", timeout=" + timeout + "]";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
