package dev.backtrack.embedded;

import org.jspecify.annotations.Nullable;

/** The embedded RocketMQ could not start; {@link #setting()} names what to change. */
public class EmbeddedRocketMqException extends RuntimeException {

    private final EmbeddedSetting setting;

    /** Creates an error about the given setting. */
    public EmbeddedRocketMqException(EmbeddedSetting setting, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** Creates an error about the given setting. */
    public EmbeddedRocketMqException(EmbeddedSetting setting, String message) {
        this(setting, message, null);
    }

    /** The setting to change, or {@code null} when no single setting is at fault. */
    public EmbeddedSetting setting() {
        return setting;
    }
}
