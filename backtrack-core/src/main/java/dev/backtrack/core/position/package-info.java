/**
 * What position a rewind asks for: a time, explicit offsets, a shift from the committed offsets or another group's
 * offsets, and which queues it is limited to.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.position;

import org.jspecify.annotations.NullMarked;
