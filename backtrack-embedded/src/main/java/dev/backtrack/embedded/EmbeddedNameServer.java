package dev.backtrack.embedded;

import java.nio.file.Path;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;

/** One in-process RocketMQ name server. */
final class EmbeddedNameServer {

    private final NamesrvController controller;
    private final int port;

    EmbeddedNameServer(Path storeDir, int port) {
        this.port = port;
        Path dir = storeDir.resolve("namesrv");
        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(storeDir.toString());
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress(LoopbackPorts.LOOPBACK);
        server.setListenPort(port);
        this.controller = new NamesrvController(config, server, new NettyClientConfig());
    }

    void start() throws Exception {
        if (!controller.initialize()) {
            throw new IllegalStateException("The name server failed to initialize");
        }
        controller.start();
    }

    void stop() {
        // Both remoting threads poll for channel events with a 3 s timeout that the shutdown would wait out.
        EventExecutorWakeUp.stopAndWake(controller.getRemotingClient());
        EventExecutorWakeUp.stopAndWake(controller.getRemotingServer());
        controller.shutdown();
    }

    String address() {
        return LoopbackPorts.LOOPBACK + ":" + port;
    }

    NamesrvController controller() {
        return controller;
    }
}
