/** Request hygiene shared by every route: body size limits and trust of forwarded headers. */
package io.faultline.http;
