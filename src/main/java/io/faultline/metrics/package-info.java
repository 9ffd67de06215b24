/** Request metrics and their names, for MicroProfile Metrics and so for Prometheus. */
package io.faultline.metrics;
