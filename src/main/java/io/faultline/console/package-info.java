/** The operator console: static ES modules under /console/ and the headers that keep them safe. */
package io.faultline.console;
