/**
 * Serdes for what goes into topics and state stores: Avro generated classes in Avro's
 * single-object encoding, so no schema registry is needed.
 */
package dev.denorm.serde;
