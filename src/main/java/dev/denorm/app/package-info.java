/**
 * Wiring: the composed topology, configuration to KafkaStreams, and the command line.
 */
package dev.denorm.app;
