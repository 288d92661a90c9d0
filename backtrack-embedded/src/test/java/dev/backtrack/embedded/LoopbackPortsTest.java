package dev.backtrack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @RepeatedTest(20)
    void anyFreePortLiesBelowTheEphemeralRangeAndIsFree() {
        int port = LoopbackPorts.anyFree();
        assertThat(port).isBetween(LoopbackPorts.LOWEST_CHOSEN, LoopbackPorts.HIGHEST_CHOSEN).isLessThan(32_768);
        assertThat(LoopbackPorts.isFree(port)).isTrue();
    }

    @RepeatedTest(20)
    void aBrokerPortHasItsFastAndHaPortsFreeToo() {
        int port = LoopbackPorts.freeBrokerPort();
        assertThat(port).isBetween(LoopbackPorts.LOWEST_CHOSEN, LoopbackPorts.HIGHEST_CHOSEN);
        assertThat(LoopbackPorts.isFree(port - 2)).isTrue();
        assertThat(LoopbackPorts.isFree(port)).isTrue();
        assertThat(LoopbackPorts.isFree(port + 1)).isTrue();
    }

    @Test
    void aPortWithAListenerIsNotFree() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.LOOPBACK), LoopbackPorts.anyFree()));
            assertThat(LoopbackPorts.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
