/** MicroProfile Health probes, one class per check, each within a time budget; and the load-balancer aliases. */
package io.faultline.health;
