/**
 * The {@code backtrack} health contributor: name server, control channel, embedded broker, paused runs.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
