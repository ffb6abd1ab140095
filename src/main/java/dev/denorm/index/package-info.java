/**
 * The search indexes: one sub-package per index builds its documents; {@link dev.denorm.index.Indexes}
 * is the one place that lists them.
 */
package dev.denorm.index;
