/**
 * Named snapshots of a group's committed offsets and their restore, and offsets exported to and imported from a CSV
 * file: each recorded in the journal, each move made through {@link dev.backtrack.core.operation.RewindOperation}.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.snapshot;

import org.jspecify.annotations.NullMarked;
