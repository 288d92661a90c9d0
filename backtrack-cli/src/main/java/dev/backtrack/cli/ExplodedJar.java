package dev.backtrack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks the executable jar into a class path of plain jars that the JVM's own class loader reads, which a
 * class-data-sharing archive can then cover (classes inside the executable jar's nested jars cannot be archived).
 * Used by {@code bin/backtrack} once per jar.
 */
final class ExplodedJar {

    /** The system property naming the directory to unpack into; when set, the CLI unpacks and runs no command. */
    static final String EXTRACT_TO = "backtrack.extract-to";
    /** The jar to run in the unpacked directory; its manifest names the main class and the class path. */
    static final String LAUNCH_JAR = "backtrack-cli.jar";
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";
    private static final String OWN_CLASSES_JAR = "backtrack-cli-classes.jar";

    private ExplodedJar() {
    }

    /** Unpacks {@code executableJar} into the missing directory {@code target}; {@code mainClass} is what it runs. */
    static void extract(Path executableJar, Path target, String mainClass) throws IOException {
        Path lib = Files.createDirectories(target.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        classPath.add("lib/" + OWN_CLASSES_JAR);
        try (ZipFile zip = new ZipFile(executableJar.toFile());
                JarOutputStream classes = new JarOutputStream(Files.newOutputStream(lib.resolve(OWN_CLASSES_JAR)))) {
            for (String name : libraryOrder(zip)) {
                copy(zip, zip.getEntry(name), lib.resolve(name.substring(LIB.length())));
                classPath.add("lib/" + name.substring(LIB.length()));
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(CLASSES) && entry.getName().length() > CLASSES.length()) {
                    classes.putNextEntry(new JarEntry(entry.getName().substring(CLASSES.length())));
                    if (!entry.isDirectory()) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(classes);
                        }
                    }
                    classes.closeEntry();
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(target.resolve(LAUNCH_JAR)), manifest)) {
            out.flush();
        }
    }

    /** The nested jars in the order of the jar's class path index, then any the index does not list. */
    private static List<String> libraryOrder(ZipFile zip) throws IOException {
        List<String> order = new ArrayList<>();
        ZipEntry index = zip.getEntry("BOOT-INF/classpath.idx");
        if (index != null) {
            try (InputStream in = zip.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String name = line.strip().replaceAll("^- \"|\"$", "");
                    if (name.startsWith(LIB) && zip.getEntry(name) != null && !order.contains(name)) {
                        order.add(name);
                    }
                }
            }
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0
                    && !order.contains(name)) {
                order.add(name);
            }
        }
        return order;
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path to) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, to);
        }
    }
}
