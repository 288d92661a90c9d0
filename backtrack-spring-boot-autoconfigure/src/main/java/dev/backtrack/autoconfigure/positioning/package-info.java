/**
 * Positioning CONSUME_FROM_TIMESTAMP bindings at start-up.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.positioning;

import org.jspecify.annotations.NullMarked;
