/**
 * Micrometer metrics of rewinds, start-up positionings and replays.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
