package dev.backtrack.autoconfigure.binder;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.NameServerAddresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/** Fails start-up early, naming the property to change, when the configured name server does not answer. */
public class NameServerStartupCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(NameServerStartupCheck.class);

    private final String nameServer;
    private final String property;
    private final Duration timeout;

    /** Checks the name server(s) in {@code nameServer}, which came from {@code property}. */
    public NameServerStartupCheck(String nameServer, String property, Duration timeout) {
        this.nameServer = nameServer;
        this.property = property;
        this.timeout = timeout;
    }

    @Override
    public void afterPropertiesSet() {
        List<InetSocketAddress> addresses;
        try {
            addresses = NameServerAddresses.parse(nameServer);
        } catch (InvalidRewindInputException e) {
            throw new IllegalArgumentException("The RocketMQ name server address (" + property + ") is invalid: "
                    + e.getMessage(), e);
        }
        IOException last = null;
        for (InetSocketAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
                        (int) timeout.toMillis());
                log.debug("RocketMQ name server {} answers", address);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new NameServerUnreachableException(nameServer, "The RocketMQ name server " + nameServer + " (" + property
                + ") does not answer within " + timeout.toMillis() + " ms: " + last, last);
    }
}
