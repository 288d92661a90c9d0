/** Rewinds ordered from the console: planned, checked, applied to every instance and journaled with the user. */
@NullMarked
package dev.backtrack.console.rewind;

import org.jspecify.annotations.NullMarked;
