/**
 * Test support: Debezium change-event builders, shop row fixtures, the topology test driver,
 * real engines and a real broker started by the tests themselves, and a fault-injecting proxy.
 */
package dev.denorm.testing;
