/**
 * Positioning a consumer group by time before its consumers start.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.positioning;

import org.jspecify.annotations.NullMarked;
