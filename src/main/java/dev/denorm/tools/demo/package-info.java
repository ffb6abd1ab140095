/**
 * The demo: a generated shop of a chosen size in the reference schema, and the one-line
 * progress of its snapshot through Debezium, Kafka Streams and the search engine.
 */
package dev.denorm.tools.demo;
