/** Structured JSON logging: the log handler and its sink, the access-log filter, and redaction. */
package io.faultline.logging;
