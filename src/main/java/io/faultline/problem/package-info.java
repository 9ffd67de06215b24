/** The error catalog, the RFC 9457 problem body, and one exception mapper per family of exceptions. */
package io.faultline.problem;
