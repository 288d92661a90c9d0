/** Who may use the console: its own login, users, roles and CSRF protection, apart from the application's. */
@NullMarked
package dev.backtrack.console.security;

import org.jspecify.annotations.NullMarked;
