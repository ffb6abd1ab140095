package dev.denorm.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of every dead letter: where the record that failed was read, {@code <topic>-<partition>@<offset>}
 * (the sink adds {@code /<index>}, the production handler {@code /<topic written to>}; a record
 * emitted by a punctuation has no source position and is keyed by its content). The same
 * record processed again after a crash or a replay gets the same key, so the dead-letter topics can
 * be compacted (denorm creates them so) and readers count distinct keys: a poison record counts once.
 */
public final class DeadLetterKey {

  private DeadLetterKey() {}

  /** {@code <topic>-<partition>@<offset>}. */
  public static String of(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  /**
   * For a record that was not read but emitted by a punctuation, so has no source position:
   * {@code <where>#<digest of key and value>}, the same for the same record emitted again.
   */
  static String ofContent(String where, byte[] key, byte[] value) {
    return where + "#" + digest(key, value);
  }

  /** The first 16 bytes of the SHA-256 of key and value, in hex: the same record, the same digest. */
  private static String digest(byte[] key, byte[] value) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update(Integer.toString(key == null ? -1 : key.length).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) ':');
      if (key != null) {
        sha.update(key);
      }
      if (value != null) {
        sha.update(value);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
