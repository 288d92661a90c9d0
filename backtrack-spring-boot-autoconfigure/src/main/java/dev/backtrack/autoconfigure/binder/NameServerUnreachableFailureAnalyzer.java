package dev.backtrack.autoconfigure.binder;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an unreachable name server and which properties to change. */
public class NameServerUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<NameServerUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NameServerUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set spring.cloud.stream.rocketmq.binder.name-server to a running name server (host:port), "
                        + "or set backtrack.embedded.enabled=true to run RocketMQ inside the application. "
                        + "To skip this check, set backtrack.name-server-check.enabled=false.", cause);
    }
}
