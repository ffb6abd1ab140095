/** The {@code customers} index: customer rows with their addresses aggregated and their orders counted. */
package dev.denorm.index.customer;
