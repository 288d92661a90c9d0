/**
 * The backtrack command line.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.cli;

import org.jspecify.annotations.NullMarked;
