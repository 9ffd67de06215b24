/** What several instances on one database share, and how each tells itself apart from the others. */
package io.faultline.cluster;
