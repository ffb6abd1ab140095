package dev.denorm.sink.reindex;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an index is built from, as a short hash: its mapping, its shard count and the topology
 * version its index class declares. Two indexes with the same fingerprint hold the same documents
 * the same way; a different one means the index must be rebuilt. Replicas are left out: they can
 * change in place.
 */
public final class Fingerprint {

  private Fingerprint() {}

  public static String of(JsonNode mappings, int shards, int topologyVersion) {
    String canonical = mappings + "|shards=" + shards + "|topology=" + topologyVersion;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
