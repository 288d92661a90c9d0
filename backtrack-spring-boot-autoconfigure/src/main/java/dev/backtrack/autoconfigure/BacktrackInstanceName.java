package dev.backtrack.autoconfigure;

import java.lang.management.ManagementFactory;
import org.springframework.core.env.Environment;

/**
 * This application instance's name, {@code <spring.application.name>@<pid>@<host>}: the actor of its journal entries
 * and the sender of its rewind acknowledgements.
 *
 * @param value the name
 */
public record BacktrackInstanceName(String value) {

    /** The name of the running instance of the application configured by {@code environment}. */
    public static BacktrackInstanceName of(Environment environment) {
        return new BacktrackInstanceName(environment.getProperty("spring.application.name", "application") + "@"
                + ManagementFactory.getRuntimeMXBean().getName());
    }

    @Override
    public String toString() {
        return value;
    }
}
