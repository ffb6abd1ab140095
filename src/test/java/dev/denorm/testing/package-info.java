/** Test support: Debezium change-event builders, shop row fixtures and the topology test driver. */
package dev.denorm.testing;
