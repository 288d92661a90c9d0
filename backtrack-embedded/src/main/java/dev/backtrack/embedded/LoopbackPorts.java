package dev.backtrack.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free loopback ports for servers and checks that requested ones are free. */
public final class LoopbackPorts {

    static final String LOOPBACK = "127.0.0.1";
    private static final int ATTEMPTS = 200;
    /**
     * Ports chosen for "any free port" lie below 32768, where Linux starts its ephemeral range (Windows and macOS start
     * at 49152), and above the ports services commonly use, RocketMQ's 9876 and 10909-10912 included.
     */
    static final int LOWEST_CHOSEN = 15_000;
    static final int HIGHEST_CHOSEN = 32_000;

    private LoopbackPorts() {
    }

    /** Whether a listener can bind this port on the loopback address right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as RocketMQ's Netty servers bind: TIME_WAIT leftovers do not count
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that is free now, below the ephemeral range: a port the system hands out for outgoing connections could
     * be taken by another process's client between this check and the server's bind.
     */
    public static int anyFree() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = candidate();
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port found between " + LOWEST_CHOSEN + " and "
                + HIGHEST_CHOSEN + " after " + ATTEMPTS + " attempts");
    }

    /** A free port p such that p - 2 and p + 1 are free too (a broker listens on p, its fast port p - 2, HA on p + 1). */
    public static int freeBrokerPort() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = candidate();
            if (isFree(port) && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback ports (p, p-2, p+1) for a broker found between "
                + LOWEST_CHOSEN + " and " + HIGHEST_CHOSEN + " after " + ATTEMPTS + " attempts");
    }

    private static int candidate() {
        return ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN, HIGHEST_CHOSEN + 1);
    }

    /** Fails with a message naming the setting when the port is taken. */
    static void requireFree(int port, EmbeddedSetting setting, String role) {
        if (!isFree(port)) {
            throw new EmbeddedRocketMqException(setting, "Port " + port + " (" + role + ") on " + LOOPBACK
                    + " is already in use; set " + setting.propertyName() + " (" + setting.builderName()
                    + ") to a free port, or to 0 for any free port");
        }
    }
}
