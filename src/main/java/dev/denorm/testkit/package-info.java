/**
 * The test kit for indexes of your own: {@link dev.denorm.testkit.IndexTestDriver} runs an index's
 * production topology in a TopologyTestDriver, fed with Debezium change events ({@link dev.denorm.testkit.ChangeEvents}).
 * Published as the {@code testkit} jar ({@code dev.denorm:denorm:<version>:testkit}).
 */
package dev.denorm.testkit;
