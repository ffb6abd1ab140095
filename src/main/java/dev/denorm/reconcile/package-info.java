/**
 * The delete pass of {@code resnapshot}: finds the rows denorm holds that the source table no
 * longer has (deleted while the stream missed them) and deletes them in-band, by a tombstone in the
 * table's change topic, where a delete from Debezium would have been. See {@link
 * dev.denorm.reconcile.DeletePass} for why that is safe while the database changes.
 */
package dev.denorm.reconcile;
