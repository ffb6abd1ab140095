/**
 * Is the index fresh, and if not, which stage is behind: the {@code /status} snapshot an instance
 * serves (JSON and a page), built from Kafka Streams, the group's lag, the sink's metrics and the watches.
 */
package dev.denorm.status;
