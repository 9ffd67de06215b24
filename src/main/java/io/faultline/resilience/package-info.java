/** Guarded outbound calls seen from outside: circuit-breaker status, degradation and system health. */
package io.faultline.resilience;
