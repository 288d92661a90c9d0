package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list of classes {@code bin/backtrack} archives on a jar's first run: loaded only when asked, and still naming
 * classes that exist (a list whose classes were renamed away would archive nothing). That it covers what a command
 * loads is checked against a real rewind in {@code CliProcessTest}.
 */
class ArchivedClassesTest {

    @Test
    void nothingIsLoadedUnlessTheRunWasAskedTo() {
        assertThat(System.getProperty(ArchivedClasses.LOAD)).isNull();
        assertThat(ArchivedClasses.loadWhenAsked()).isZero();
    }

    @Test
    void almostEveryListedClassExists() throws IOException {
        List<String> listed = listed();
        assertThat(listed).hasSizeGreaterThan(1_000);
        System.setProperty(ArchivedClasses.LOAD, "true");
        int loaded;
        try {
            loaded = ArchivedClasses.loadWhenAsked();
        } finally {
            System.clearProperty(ArchivedClasses.LOAD);
        }
        assertThat(loaded).as("classes of the list that this class path has, of %d", listed.size())
                .isGreaterThanOrEqualTo(listed.size() * 97 / 100);
    }

    static List<String> listed() throws IOException {
        try (InputStream in = ArchivedClasses.class.getClassLoader().getResourceAsStream(ArchivedClasses.LIST)) {
            assertThat(in).as(ArchivedClasses.LIST).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
