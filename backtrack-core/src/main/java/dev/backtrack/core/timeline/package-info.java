/**
 * A topic in time: message counts per time bucket from offset-by-time look-ups, a group's position, rewinds in range.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.timeline;

import org.jspecify.annotations.NullMarked;
