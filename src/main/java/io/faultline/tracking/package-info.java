/** Error tracking: projects and their ingest keys, events, groups, and notifications. */
package io.faultline.tracking;
