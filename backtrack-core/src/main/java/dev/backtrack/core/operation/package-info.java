/**
 * The operations a user asks for (rewind, and what later issues add), each in one place: a request value in, one
 * outcome value out, on a {@link dev.backtrack.core.operation.ClusterSession} opened once and shared. The endpoint,
 * the CLI and the console only parse, authorize, call and render; {@link dev.backtrack.core.operation.Refusal} is the
 * one closed set of reasons an operation is refused, each with its HTTP status and CLI exit code.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.operation;

import org.jspecify.annotations.NullMarked;
