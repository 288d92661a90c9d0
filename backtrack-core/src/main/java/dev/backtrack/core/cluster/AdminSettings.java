package dev.backtrack.core.cluster;

import dev.backtrack.core.InvalidRewindInputException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a RocketMQ cluster.
 *
 * @param nameServer name server address(es): {@code host:port}, several separated by ';' (kept trimmed)
 * @param accessKey RocketMQ ACL access key, or null
 * @param secretKey RocketMQ ACL secret key, or null
 * @param timeout how long a single request may take
 * @param proxies remoting addresses ({@code host:port}) of the RocketMQ proxies whose gRPC consumers count as online
 */
public record AdminSettings(String nameServer, @Nullable String accessKey, @Nullable String secretKey,
        Duration timeout, List<String> proxies) {

    /** Checks the name-server address, the ACL pair, the timeout and the proxy addresses. */
    public AdminSettings {
        nameServer = NameServerAddresses.canonical(nameServer);
        proxies = ProxyAddresses.checked(proxies);
        if ((blank(accessKey)) != (blank(secretKey))) {
            throw new InvalidRewindInputException("RocketMQ ACL needs both an access key and a secret key, or neither");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRewindInputException("Timeout must be positive, was " + timeout);
        }
    }

    /** Settings that ask no proxy for its consumers. */
    public AdminSettings(String nameServer, @Nullable String accessKey, @Nullable String secretKey, Duration timeout) {
        this(nameServer, accessKey, secretKey, timeout, List.of());
    }

    /** The same settings, also asking these proxies (remoting {@code host:port}) which consumers they serve. */
    public AdminSettings withProxies(List<String> proxyAddresses) {
        return new AdminSettings(nameServer, accessKey, secretKey, timeout, proxyAddresses);
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
                + (blank(secretKey) ? "none" : "(hidden)") + ", timeout=" + timeout + ", proxies=" + proxies + "]";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
