/**
 * Shared test support: real engines and a real broker started by the tests themselves, a
 * fault-injecting proxy, and reference documents.
 */
package dev.denorm.testing;
