/**
 * The oracle check: every document of every index compared by value with what the index's own
 * SQL ({@code <IndexClass>.sql}) computes from the source tables; missing, extra and different ids
 * are reported.
 */
package dev.denorm.verify;
