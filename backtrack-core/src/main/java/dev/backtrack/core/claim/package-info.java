/**
 * Agreement among instances starting together on which one applies a start-up setting.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.claim;

import org.jspecify.annotations.NullMarked;
