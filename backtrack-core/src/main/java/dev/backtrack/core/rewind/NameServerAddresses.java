package dev.backtrack.core.rewind;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Reads a RocketMQ name-server setting such as {@code 10.0.0.5:9876;10.0.0.6:9876}. */
public final class NameServerAddresses {

    /** The accepted form, for error messages. */
    public static final String ACCEPTED = "host:port, several separated by ';' (e.g. 127.0.0.1:9876)";

    private NameServerAddresses() {
    }

    /** The addresses in the setting (unresolved); fails saying what was wrong and what is accepted. */
    public static List<InetSocketAddress> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRewindInputException("Name server address is empty; accepted: " + ACCEPTED);
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : value.split(";")) {
            String address = part.trim();
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw invalid(value, "'" + address + "' is not host:port");
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
            addresses.add(InetSocketAddress.createUnresolved(address.substring(0, colon), port));
        }
        return addresses;
    }

    private static InvalidRewindInputException invalid(String value, String why) {
        return new InvalidRewindInputException("Name server address '" + value + "' is invalid: " + why
                + "; accepted: " + ACCEPTED);
    }
}
