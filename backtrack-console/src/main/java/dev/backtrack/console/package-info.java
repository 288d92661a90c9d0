/** The operator console: a web UI and its JSON API over Backtrack's core. */
@NullMarked
package dev.backtrack.console;

import org.jspecify.annotations.NullMarked;
