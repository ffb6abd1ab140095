/**
 * The oracle check: every document of every index compared by value with what oracle.sql
 * computes from the source tables; missing, extra and different ids are reported.
 */
package dev.denorm.verify;
