package dev.backtrack.core.cluster;

import dev.backtrack.core.RewindException;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.exception.RemotingSendRequestException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException;
import org.jspecify.annotations.Nullable;

/** Turns a failed RocketMQ call into an error that says what failed and which server did not answer or refused. */
public final class ClusterFailures {

    private ClusterFailures() {
    }

    /**
     * The error for {@code action} (e.g. "read the route of topic 't'") that failed talking to {@code server}
     * (e.g. "name server 10.0.0.5:9876").
     */
    static RewindException of(String action, String server, long timeoutMillis, Exception e) {
        return new RewindException(message(action, server, timeoutMillis, e), e);
    }

    /** The text of {@link #of}: "Cannot {action}: {server} does not answer (why)", denied it, or the error itself. */
    public static String message(String action, String server, long timeoutMillis, Exception e) {
        String named = silentOrDenied(action, server, timeoutMillis, e);
        return named != null ? named : "Cannot " + action + " (" + server + "): " + e.getMessage();
    }

    /**
     * "Cannot {action}: {server} does not answer (why)" or "... denied it (RocketMQ ACL: ...)" when {@code e} says so,
     * or null when the server answered with another error.
     */
    public static @Nullable String silentOrDenied(String action, String server, long timeoutMillis, Throwable e) {
        String denial = AclDenials.reason(e);
        if (denial != null) {
            return "Cannot " + action + ": " + server + " denied it (RocketMQ ACL: " + denial
                    + "); check the access key and secret key, and that the user may do this";
        }
        String silence = silence(e, timeoutMillis);
        return silence == null ? null : "Cannot " + action + ": " + server + " does not answer (" + silence + ")";
    }

    /** Why the server was silent, or null when it did answer (with an error). */
    private static @Nullable String silence(Throwable e, long timeoutMillis) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RemotingConnectException) {
                return "cannot connect: refused, unreachable or unknown host";
            }
            if (cause instanceof RemotingTimeoutException || cause instanceof RemotingTooMuchRequestException) {
                // the latter: RocketMQ's client used up the time allowed before the request could even be sent
                // (a slow connect on a busy machine), which for the user is the same as no reply in time
                return "no reply within " + timeoutMillis + " ms";
            }
            if (cause instanceof RemotingSendRequestException) {
                return "the request could not be delivered; is it a RocketMQ server?";
            }
        }
        return null;
    }
}
