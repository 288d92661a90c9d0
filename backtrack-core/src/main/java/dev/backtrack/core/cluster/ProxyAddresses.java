package dev.backtrack.core.cluster;

import dev.backtrack.core.InvalidRewindInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks the remoting addresses of RocketMQ proxies given to Backtrack. */
final class ProxyAddresses {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");
    private static final int QUOTED = 100;

    private ProxyAddresses() {
    }

    /** The addresses trimmed and de-duplicated, in order; fails naming the first that is not {@code host:port}. */
    static List<String> checked(@Nullable List<String> addresses) {
        List<String> checked = new ArrayList<>();
        for (String address : addresses == null ? List.<String>of() : addresses) {
            String trimmed = address == null ? "" : address.trim();
            if (!HOST_PORT.matcher(trimmed).matches() || port(trimmed) < 1 || port(trimmed) > 65535) {
                throw new InvalidRewindInputException("Proxy address '" + quote(trimmed) + "' is not host:port; "
                        + "accepted: the remoting address of a RocketMQ proxy, e.g. 127.0.0.1:8080");
            }
            if (!checked.contains(trimmed)) {
                checked.add(trimmed);
            }
        }
        return List.copyOf(checked);
    }

    private static int port(String address) {
        String digits = address.substring(address.lastIndexOf(':') + 1);
        return digits.length() > 5 ? -1 : Integer.parseInt(digits);
    }

    private static String quote(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "...";
    }
}
