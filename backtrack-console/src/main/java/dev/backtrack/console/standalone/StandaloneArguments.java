package dev.backtrack.console.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stand-alone console's command line: {@code -n/--namesrv ADDRESS} (default {@code $NAMESRV_ADDR}, else
 * 127.0.0.1:9876), {@code --port N} (default 8090); anything else is handed to Spring Boot as it is (e.g.
 * {@code --backtrack.console.users[0].password=...}).
 *
 * @param nameServer the cluster's name server
 * @param port the HTTP port
 * @param springArguments the remaining arguments, for Spring Boot
 */
record StandaloneArguments(String nameServer, int port, List<String> springArguments) {

    static final String USAGE = "Usage: backtrack console [-n NAMESRV] [--port PORT] [--spring.property=value ...]\n"
            + "  -n, --namesrv  name server of the cluster (default: $NAMESRV_ADDR, else 127.0.0.1:9876)\n"
            + "  --port         HTTP port (default 8090); the console is at http://localhost:PORT/backtrack-console/\n"
            + "Users: BACKTRACK_ADMIN_USER (default operator) / BACKTRACK_ADMIN_PASSWORD, BACKTRACK_VIEWER_USER\n"
            + "(default viewer) / BACKTRACK_VIEWER_PASSWORD; a missing password is generated and logged.";

    /** Reads the command line; {@code namesrvEnv} is {@code $NAMESRV_ADDR} or null. */
    static StandaloneArguments parse(String[] args, @Nullable String namesrvEnv) {
        String nameServer = namesrvEnv == null || namesrvEnv.isBlank() ? "127.0.0.1:9876" : namesrvEnv.strip();
        String port = "8090";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-n") || arg.equals("--namesrv") || arg.equals("--port")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
                }
                String value = args[++i];
                if (arg.equals("--port")) {
                    port = value;
                } else {
                    nameServer = value;
                }
            } else if (arg.startsWith("--namesrv=")) {
                nameServer = arg.substring("--namesrv=".length());
            } else if (arg.startsWith("--port=")) {
                port = arg.substring("--port=".length());
            } else {
                rest.add(arg);
            }
        }
        return new StandaloneArguments(nameServer, port(port), List.copyOf(rest));
    }

    /** The settings the stand-alone console starts with; the command line and environment may override them. */
    Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("backtrack.console.enabled", "true");
        defaults.put("backtrack.console.name-server", nameServer);
        defaults.put("server.port", Integer.toString(port));
        defaults.put("backtrack.console.users[0].name", "${BACKTRACK_ADMIN_USER:operator}");
        defaults.put("backtrack.console.users[0].password", "${BACKTRACK_ADMIN_PASSWORD:}");
        defaults.put("backtrack.console.users[0].roles", "BACKTRACK_ADMIN");
        defaults.put("backtrack.console.users[1].name", "${BACKTRACK_VIEWER_USER:viewer}");
        defaults.put("backtrack.console.users[1].password", "${BACKTRACK_VIEWER_PASSWORD:}");
        defaults.put("backtrack.console.users[1].roles", "BACKTRACK_VIEWER");
        defaults.put("spring.main.banner-mode", "off");
        return defaults;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        throw new IllegalArgumentException("--port is '" + shown + "'; accepted: 0 to 65535 (0: any free port)\n"
                + USAGE);
    }
}
