package dev.backtrack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRocketMqBadInputTest {

    @TempDir
    Path store;

    @Test
    void anOccupiedNameServerPortIsAClearErrorNamingTheSetting() throws IOException {
        try (ServerSocket taken = occupy()) {
            EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                    .nameServerPort(taken.getLocalPort()).build());
            assertThatThrownBy(mq::start)
                    .isInstanceOfSatisfying(EmbeddedRocketMqException.class,
                            e -> assertThat(e.setting()).isEqualTo(EmbeddedSetting.NAME_SERVER_PORT))
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("backtrack.embedded.name-server-port");
            assertThat(mq.isRunning()).isFalse();
        }
    }

    @Test
    void anOccupiedBrokerPortStopsTheNameServerAgain() throws IOException {
        int nameServerPort = LoopbackPorts.anyFree();
        try (ServerSocket taken = occupy()) {
            int brokerPort = taken.getLocalPort() - 1; // its HA port (+1) is the occupied one
            EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                    .nameServerPort(nameServerPort).brokerPort(brokerPort).build());
            assertThatThrownBy(mq::start)
                    .isInstanceOfSatisfying(EmbeddedRocketMqException.class,
                            e -> assertThat(e.setting()).isEqualTo(EmbeddedSetting.BROKER_PORT))
                    .hasMessageContaining("backtrack.embedded.broker-port");
            assertThat(mq.isRunning()).isFalse();
            assertThat(LoopbackPorts.isFree(nameServerPort)).as("no name server left behind").isTrue();
        }
    }

    @Test
    void aStoreDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(store.resolve("a-file"), "not a directory");
        EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(file.resolve("store")).build());
        assertThatThrownBy(mq::start)
                .isInstanceOfSatisfying(EmbeddedRocketMqException.class,
                        e -> assertThat(e.setting()).isEqualTo(EmbeddedSetting.STORE_DIR))
                .hasMessageContaining(file.resolve("store").toString())
                .hasMessageContaining("backtrack.embedded.store-dir");
        assertThat(mq.isRunning()).isFalse();
    }

    @Test
    void aStoreDirectoryThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(store.resolve("plain-file"), "x");
        assertThatThrownBy(() -> new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(file).build()).start())
                .isInstanceOf(EmbeddedRocketMqException.class)
                .hasMessageContaining("cannot be used")
                .hasMessageContaining("writable directory");
    }

    @Test
    void outOfRangeSettingsAreRejectedWithTheAcceptedRange() {
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(store).nameServerPort(70000))
                .hasMessageContaining("Port 70000").hasMessageContaining("0 (any free port) or 1 to 65534");
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(store).brokerPort(-1))
                .hasMessageContaining("Port -1").hasMessageContaining("brokerPort");
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(store).brokerCount(0))
                .hasMessageContaining("Broker count 0").hasMessageContaining("1 to 26");
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(store).commitLogFileSize(10))
                .hasMessageContaining("at least 1048576 bytes");
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(Path.of("")))
                .hasMessageContaining("store directory is empty");
    }

    private static ServerSocket occupy() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }
}
