/** Sentry SDK compatibility: the envelope and store endpoints, their authentication, the DSN, and the mapping of Sentry events. */
package io.faultline.sentry;
