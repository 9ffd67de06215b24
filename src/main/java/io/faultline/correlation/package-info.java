/** The correlation id of each request: derived, validated, carried on the thread and into async work. */
package io.faultline.correlation;
