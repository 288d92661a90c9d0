package dev.backtrack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads the classes that the cluster commands use, listed in {@value #LIST}, so that the class-data-sharing archive
 * {@code bin/backtrack} writes at the end of a jar's first run holds them whatever that first run was ({@code --help}
 * loads none of the RocketMQ client, and every later run would load it from the jars again, about 0.9 s of a plan
 * of 2,048 queues; BENCHMARKS.md section 14). {@code ArchivedClassesTest} fails when the list falls behind the code.
 */
final class ArchivedClasses {

    /** The system property {@code bin/backtrack} sets on the run that writes the archive. */
    static final String LOAD = "backtrack.archive-classes";
    /** The class path resource that lists the classes, one binary name a line. */
    static final String LIST = "dev/backtrack/cli/archived-classes.txt";

    private ArchivedClasses() {
    }

    /**
     * Loads (without initializing) every listed class this class path has, when the run was asked to; a class that
     * is missing or cannot be linked is passed over, so a stale list costs speed, never a failure.
     *
     * @return how many classes were loaded; 0 when not asked to
     */
    static int loadWhenAsked() {
        if (!Boolean.getBoolean(LOAD)) {
            return 0;
        }
        ClassLoader loader = ArchivedClasses.class.getClassLoader();
        int loaded = 0;
        try (InputStream list = loader.getResourceAsStream(LIST)) {
            if (list == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (!name.isBlank() && load(name.strip(), loader)) {
                    loaded++;
                }
            }
        } catch (IOException e) {
            return loaded; // the archive is only smaller
        }
        return loaded;
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
