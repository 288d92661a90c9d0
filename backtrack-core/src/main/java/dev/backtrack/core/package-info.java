/**
 * Backtrack's core: plain Java, no Spring; the exceptions shared by its packages.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core;

import org.jspecify.annotations.NullMarked;
