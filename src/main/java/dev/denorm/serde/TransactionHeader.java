package dev.denorm.serde;

import org.apache.kafka.common.header.Headers;

/**
 * The header a streamed change carries from the intake to the assembling tasks when documents are
 * transaction-aligned: the WAL position of the last commit the connector streamed before the
 * change's transaction (Debezium's {@code source.sequence[0]}), 8 bytes big-endian. A document it
 * changed waits until the task's position mark has passed that position.
 */
public final class TransactionHeader {

  public static final String NAME = "denorm.after";
  /** What {@link #read} gives for a change without the header (a snapshot read, alignment off). */
  public static final long NONE = -1;

  private TransactionHeader() {}

  public static byte[] bytes(long previousCommit) {
    return ChangedHeader.bytes(previousCommit); // the same 8 bytes big-endian
  }

  /** The position in the headers, or {@link #NONE}. */
  public static long read(Headers headers) {
    return ChangedHeader.readLong(headers, NAME).orElse(NONE);
  }
}
