/**
 * The record of applied positions and rewinds, kept on the broker.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.journal;

import org.jspecify.annotations.NullMarked;
