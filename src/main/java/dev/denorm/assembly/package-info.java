/**
 * How an index's {@link dev.denorm.index.DocumentPlan} runs: each change is routed to the
 * partition that owns the documents it affects, kept there in local stores, and the changed
 * documents are re-assembled from them and emitted, at most once per emit interval.
 */
package dev.denorm.assembly;
