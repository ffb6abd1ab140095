/**
 * Zero-downtime reindex: at start, an index whose mapping, settings or topology version changed is
 * rebuilt as {@code <index>-v<N+1>} from its document topic while the live one serves, then the
 * alias moves in one request and the old index is deleted after a grace period.
 */
package dev.denorm.sink.reindex;
