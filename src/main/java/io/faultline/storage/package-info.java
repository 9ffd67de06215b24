/** How values are kept in the database: the same column types on every database. */
package io.faultline.storage;
