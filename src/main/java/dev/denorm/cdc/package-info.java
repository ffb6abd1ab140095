/**
 * Reading Debezium change events: the only package that knows the envelope. Index code sees
 * tables of rows, and a database delete as a table tombstone.
 */
package dev.denorm.cdc;
