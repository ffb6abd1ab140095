/**
 * How an index is declared: {@link dev.denorm.index.DocumentIndex} (name, document type, plan,
 * assemble, oracle SQL), the plan's relations, and {@link dev.denorm.index.Indexes}, the indexes
 * one application maintains ({@code denorm.indexes}). One sub-package per built-in index.
 */
package dev.denorm.index;
