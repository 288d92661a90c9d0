package dev.backtrack.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Stands in for the CLI in {@link LauncherTest}: unpacks itself as the CLI does, or prints how it was started (class
 * path, archive options) and exits with the code given as its first argument.
 */
public final class LauncherProbe {

    private LauncherProbe() {
    }

    /** Unpacks (with {@code -Dbacktrack.extract-to}) or reports and exits with {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        String extractTo = System.getProperty(ExplodedJar.EXTRACT_TO);
        if (extractTo != null) {
            ExplodedJar.extract(Path.of(System.getProperty("java.class.path")), Path.of(extractTo),
                    LauncherProbe.class.getName());
            return;
        }
        String archiveUsed = "-";
        String archiveWritten = "-";
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-XX:SharedArchiveFile=")) {
                archiveUsed = option.substring(option.indexOf('=') + 1);
            } else if (option.startsWith("-XX:ArchiveClassesAtExit=")) {
                archiveWritten = option.substring(option.indexOf('=') + 1);
            }
        }
        System.out.println("classpath=" + System.getProperty("java.class.path"));
        System.out.println("archive-used=" + archiveUsed);
        System.out.println("archive-written=" + archiveWritten);
        System.out.println("archive-classes=" + System.getProperty(ArchivedClasses.LOAD, "-"));
        System.exit(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    }
}
