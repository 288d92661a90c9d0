package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException;
import org.junit.jupiter.api.Test;

/** The text of a failed cluster call: which server was silent, and why, whatever RocketMQ wrapped it in. */
class ClusterFailuresTest {

    private static final String ACTION = "read the route of topic 't'";
    private static final String SERVER = "name server 127.0.0.1:1";

    @Test
    void aRefusedConnectionIsASilentServer() {
        assertThat(ClusterFailures.message(ACTION, SERVER, 1000,
                new MQClientException("wrapped", new RemotingConnectException("127.0.0.1:1"))))
                .isEqualTo("Cannot read the route of topic 't': name server 127.0.0.1:1 does not answer (cannot connect: "
                        + "refused, unreachable or unknown host)");
    }

    @Test
    void aTimeoutIsASilentServerNamingTheTimeAllowed() {
        assertThat(ClusterFailures.message(ACTION, SERVER, 1000, new RemotingTimeoutException("127.0.0.1:1", 1000)))
                .isEqualTo("Cannot read the route of topic 't': name server 127.0.0.1:1 does not answer (no reply "
                        + "within 1000 ms)");
    }

    /** What RocketMQ's client throws when a slow connect on a busy machine used up the time before the request left. */
    @Test
    void theTimeUsedUpBeforeTheRequestCouldBeSentIsATimeoutToo() {
        assertThat(ClusterFailures.message(ACTION, SERVER, 1000, new MQClientException("wrapped",
                new RemotingTooMuchRequestException("invokeSync call the addr[127.0.0.1:1] timeout"))))
                .isEqualTo("Cannot read the route of topic 't': name server 127.0.0.1:1 does not answer (no reply "
                        + "within 1000 ms)");
    }

    @Test
    void anotherErrorIsQuotedWithTheServer() {
        assertThat(ClusterFailures.message(ACTION, SERVER, 1000, new IllegalStateException("boom")))
                .isEqualTo("Cannot read the route of topic 't' (name server 127.0.0.1:1): boom");
    }
}
