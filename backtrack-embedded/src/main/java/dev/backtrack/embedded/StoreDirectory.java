package dev.backtrack.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Makes sure the store directory exists and can be written before anything starts. */
final class StoreDirectory {

    private StoreDirectory() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw unwritable(dir, "it cannot be created (" + e + ")", e);
        }
        if (!Files.isDirectory(dir)) {
            throw unwritable(dir, "it is not a directory", null);
        }
        try {
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw unwritable(dir, "it is not writable (" + e + ")", e);
        }
    }

    private static EmbeddedRocketMqException unwritable(Path dir, String why, @Nullable Throwable cause) {
        return new EmbeddedRocketMqException(EmbeddedSetting.STORE_DIR, "Store directory " + dir
                + " cannot be used: " + why + "; set " + EmbeddedSetting.STORE_DIR.propertyName() + " ("
                + EmbeddedSetting.STORE_DIR.builderName() + ") to a writable directory", cause);
    }
}
