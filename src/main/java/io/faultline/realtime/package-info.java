/** The live feed: the {@code /ws/events} endpoint, its frames, and the sessions with their bounded send queues. */
package io.faultline.realtime;
