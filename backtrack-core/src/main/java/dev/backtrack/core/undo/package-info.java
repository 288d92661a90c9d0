/**
 * Undoing a recorded rewind: putting a group's queues back at the committed offsets the rewind replaced.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.undo;

import org.jspecify.annotations.NullMarked;
