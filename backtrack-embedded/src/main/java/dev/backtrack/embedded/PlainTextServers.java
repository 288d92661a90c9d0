package dev.backtrack.embedded;

import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;

/**
 * Makes the embedded name server and brokers accept plain connections only, unless {@code -Dtls.server.mode} says
 * otherwise. In RocketMQ's default mode (permissive) every server generates a self-signed RSA certificate when it is
 * created, which takes seconds on a busy machine (most of an embedded cluster's start on RocketMQ 5.5.0); the embedded
 * servers listen on loopback, and RocketMQ clients connect in plain text by default.
 */
final class PlainTextServers {

    private PlainTextServers() {
    }

    /** Turns TLS off for the servers created from now on in this JVM, unless the system property sets a mode. */
    static void unlessConfigured() {
        if (System.getProperty(TlsSystemConfig.TLS_SERVER_MODE) == null) {
            TlsSystemConfig.tlsMode = TlsMode.DISABLED;
        }
    }
}
