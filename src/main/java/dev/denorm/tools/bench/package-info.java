/**
 * The {@code bench} command: one run on the embedded stack that measures the capture and engine
 * ceilings, the backfill, freshness, sustainable rate, writes per change and the app's resources.
 */
package dev.denorm.tools.bench;
