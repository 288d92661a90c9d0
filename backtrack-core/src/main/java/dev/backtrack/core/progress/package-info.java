/**
 * How far a group has got in consuming again what a rewind made it replay.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.progress;

import org.jspecify.annotations.NullMarked;
