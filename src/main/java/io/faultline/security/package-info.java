/** Who may do what: HTTP Basic for operators against a JPA identity store, roles, and the admin's first password. */
package io.faultline.security;
