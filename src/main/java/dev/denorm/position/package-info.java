/**
 * Read-your-writes: how far each stage of the pipeline has surely got, as a PostgreSQL WAL position
 * (docs/read-your-writes.md). A position P in a stage means every transaction that committed at or
 * before P has all its effects done in that stage. Marks ({@link dev.denorm.position.Mark}) carry it
 * in-band from the intake to the sink, behind the records they cover; {@link
 * dev.denorm.position.Positions} is what one instance knows of it; {@link dev.denorm.position.Barrier}
 * waits on it.
 */
package dev.denorm.position;
