/** What happens when the application starts and stops: every configuration checked before the first request. */
package io.faultline.lifecycle;
