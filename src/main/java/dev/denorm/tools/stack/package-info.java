/**
 * The embedded default stack: PostgreSQL, a KRaft broker, a Connect worker with Debezium and
 * OpenSearch, started in-process on 127.0.0.1 when no external endpoints are configured.
 */
package dev.denorm.tools.stack;
