/**
 * The runs of window replays and redrives as the journal tells them: which are paused, for the health contributor and
 * the {@code backtrack.runs.paused} gauge.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.runs;

import org.jspecify.annotations.NullMarked;
