package dev.backtrack.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free loopback ports and checks that requested ones are free. */
final class LoopbackPorts {

    static final String LOOPBACK = "127.0.0.1";
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    /** Whether a listener can bind this port on the loopback address right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as RocketMQ's Netty servers bind: TIME_WAIT leftovers do not count
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now. */
    static int anyFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port could be found", e);
        }
    }

    /** A free port p such that p - 2 and p + 1 are free too (a broker listens on p, its fast port p - 2, HA on p + 1). */
    static int freeBrokerPort() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = anyFree();
            if (port > 2 && port < 65535 && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback ports (p, p-2, p+1) found for a broker");
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
