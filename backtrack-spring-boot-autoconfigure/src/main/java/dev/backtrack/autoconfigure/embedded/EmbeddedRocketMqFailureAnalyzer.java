package dev.backtrack.autoconfigure.embedded;

import dev.backtrack.embedded.EmbeddedRocketMqException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an embedded RocketMQ start-up failure into a report that names the property to change. */
public class EmbeddedRocketMqFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedRocketMqException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedRocketMqException cause) {
        String action = cause.setting() == null
                ? "Check the backtrack.embedded.* properties, or set backtrack.embedded.enabled=false to use a real cluster."
                : "Change the property " + cause.setting().propertyName()
                        + ", or set backtrack.embedded.enabled=false to use a real cluster.";
        return new FailureAnalysis("The embedded RocketMQ could not start: " + cause.getMessage(), action, cause);
    }
}
