package dev.backtrack.core.cluster;

import dev.backtrack.core.InvalidRewindInputException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a RocketMQ name-server setting such as {@code 10.0.0.5:9876;10.0.0.6:9876}. */
public final class NameServerAddresses {

    /** The accepted form, for error messages. */
    public static final String ACCEPTED = "host:port, several separated by ';' (e.g. 127.0.0.1:9876), "
            + "host a name or IP address, port 1-65535";

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    private NameServerAddresses() {
    }

    /** The addresses in the setting (unresolved); fails saying what was wrong and what is accepted. */
    public static List<InetSocketAddress> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRewindInputException("Name server address is empty; accepted: " + ACCEPTED);
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : value.split(";")) { // a trailing ';' is tolerated, as RocketMQ does
            String address = part.trim();
            if (address.isEmpty()) {
                throw invalid(value, "it has an empty entry between ';'");
            }
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw invalid(value, "'" + address + "' is not host:port");
            }
            String host = address.substring(0, colon);
            if (!HOST.matcher(host).matches()) {
                throw invalid(value, "host '" + host + "' is not a host name or IP address"
                        + (host.contains("//") ? " (leave out the scheme, e.g. http://)" : "")
                        + (host.contains(",") ? " (separate several addresses with ';')" : ""));
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(value, "port '" + address.substring(colon + 1) + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw invalid(value, "port " + port + " is outside 1-65535");
            }
            addresses.add(InetSocketAddress.createUnresolved(host, port));
        }
        return addresses;
    }

    /** The setting as RocketMQ clients take it: checked, entries trimmed, joined by ';'. */
    public static String canonical(String value) {
        return parse(value).stream().map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(";"));
    }

    private static InvalidRewindInputException invalid(String value, String why) {
        return new InvalidRewindInputException("Name server address '" + value + "' is invalid: " + why
                + "; accepted: " + ACCEPTED);
    }
}
