/** Alert rules, webhooks and their deliveries: an outbox sent under Fault Tolerance. */
package io.faultline.alerting;
