package dev.backtrack.core.rewind;

import java.time.Duration;

/**
 * How to reach a RocketMQ cluster.
 *
 * @param nameServer name server address(es): {@code host:port}, several separated by ';'
 * @param accessKey RocketMQ ACL access key, or null
 * @param secretKey RocketMQ ACL secret key, or null
 * @param timeout how long a single request may take
 */
public record AdminSettings(String nameServer, String accessKey, String secretKey, Duration timeout) {

    /** The accepted form of a name-server address, for error messages. */
    public static final String ACCEPTED_NAME_SERVER = "host:port, several separated by ';' (e.g. 127.0.0.1:9876)";

    /** Checks the name-server address and the ACL pair. */
    public AdminSettings {
        validateNameServer(nameServer);
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void validateNameServer(String nameServer) {
        if (blank(nameServer)) {
            throw new InvalidRewindInputException("Name server address is empty; accepted: " + ACCEPTED_NAME_SERVER);
        }
        for (String part : nameServer.split(";")) {
            String address = part.trim();
            int colon = address.lastIndexOf(':');
            String why = null;
            if (colon <= 0 || colon == address.length() - 1) {
                why = "'" + address + "' is not host:port";
            } else {
                try {
                    int port = Integer.parseInt(address.substring(colon + 1));
                    if (port < 1 || port > 65535) {
                        why = "port " + port + " is outside 1-65535";
                    }
                } catch (NumberFormatException e) {
                    why = "port '" + address.substring(colon + 1) + "' is not a number";
                }
            }
            if (why != null) {
                throw new InvalidRewindInputException("Name server address '" + nameServer + "' is invalid: " + why
                        + "; accepted: " + ACCEPTED_NAME_SERVER);
            }
        }
    }
}
