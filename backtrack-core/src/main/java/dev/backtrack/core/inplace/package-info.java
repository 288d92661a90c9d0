/**
 * Rewinding the consumers of this process in place.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.inplace;

import org.jspecify.annotations.NullMarked;
