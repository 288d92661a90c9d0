package dev.backtrack.autoconfigure.binder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses a RocketMQ name-server list such as {@code 10.0.0.5:9876;10.0.0.6:9876}. */
public final class NameServerAddresses {

    /** The forms a name-server setting accepts, for error messages. */
    public static final String ACCEPTED = "host:port, or several separated by ';' (e.g. 127.0.0.1:9876;10.0.0.6:9876)";

    private NameServerAddresses() {
    }

    /** The addresses in the given setting; fails with a message naming the property and the accepted form. */
    public static List<InetSocketAddress> parse(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The RocketMQ name server address (" + property
                    + ") is empty; accepted: " + ACCEPTED);
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : value.split(";")) {
            String address = part.trim();
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw invalid(value, property, "'" + address + "' has no host:port form");
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(value, property, "port '" + address.substring(colon + 1) + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw invalid(value, property, "port " + port + " is outside 1-65535");
            }
            addresses.add(InetSocketAddress.createUnresolved(address.substring(0, colon), port));
        }
        return addresses;
    }

    private static IllegalArgumentException invalid(String value, String property, String why) {
        return new IllegalArgumentException("The RocketMQ name server address '" + value + "' (" + property
                + ") is invalid: " + why + "; accepted: " + ACCEPTED);
    }
}
