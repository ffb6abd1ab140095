package dev.denorm.cdc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * A primary key (or a foreign key, or several keys one after the other) as the stores and
 * routing topics hold it: each column value encoded so that the bytes sort as the values do and
 * end where the value ends, which makes a key a prefix of the keys that start with it.
 *
 * <pre>
 * integer types  0x02, 8 bytes big-endian with the sign bit flipped
 * date           0x03, the epoch day the same way
 * timestamp      0x04, epoch microseconds (UTC) the same way; 0x05 for one without time zone
 * text, uuid     0x10, UTF-8 with 0x00 written 0x00 0xFF, ended by 0x00 0x00
 * numeric        0x11, its plain text the same way (numeric keys sort by their text)
 * </pre>
 *
 * Its text ({@link #text()}) is a document's {@code _id}: one column's canonical text (integers
 * in decimal, text as is, uuid in lower case, a date {@code YYYY-MM-DD}, a timestamp as
 * {@code pg_temp.ts} writes it: {@code 2024-05-01T10:00:00.000000Z}); several columns' texts each
 * with {@code %} written {@code %25} and {@code ,} written {@code %2C}, joined by {@code ,}. The
 * text reads back into the key with the key's column types ({@link ChangeTable#parseKey}); {@link
 * DocumentIdText} writes and splits it.
 */
public final class RowKey implements Comparable<RowKey> {

  static final byte INTEGER = 0x02;
  static final byte DATE = 0x03;
  static final byte TIMESTAMP = 0x04;
  static final byte LOCAL_TIMESTAMP = 0x05;
  static final byte TEXT = 0x10;
  static final byte DECIMAL = 0x11;

  private final byte[] bytes;
  private int hash;

  private RowKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The key of these column values, in key order. */
  public static RowKey of(Object... values) {
    var out = new ByteArrayOutputStream(values.length * 9);
    for (Object value : values) {
      encode(out, value);
    }
    return new RowKey(out.toByteArray());
  }

  /** A key held as bytes (from a store or a routing topic); checked to be well formed. */
  public static RowKey fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("a key has at least one column");
    }
    componentEnds(bytes); // throws on a malformed key
    return new RowKey(bytes);
  }

  /** The keys one after the other: what the stores key a row by its document and parent. */
  public static RowKey concat(RowKey... keys) {
    int length = 0;
    for (RowKey key : keys) {
      length += key.bytes.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (RowKey key : keys) {
      System.arraycopy(key.bytes, 0, all, at, key.bytes.length);
      at += key.bytes.length;
    }
    return new RowKey(all);
  }

  /** The encoded bytes (not copied: do not change them). */
  public byte[] bytes() {
    return bytes;
  }

  /** How many column values the key holds. */
  public int size() {
    return componentEnds(bytes).length;
  }

  /** The key of the column values {@code from} (inclusive) to {@code to} (exclusive). */
  public RowKey slice(int from, int to) {
    int[] ends = componentEnds(bytes);
    if (from < 0 || to > ends.length || from >= to) {
      throw new IndexOutOfBoundsException("columns " + from + ".." + to + " of a key of " + ends.length);
    }
    int start = from == 0 ? 0 : ends[from - 1];
    return new RowKey(Arrays.copyOfRange(bytes, start, ends[to - 1]));
  }

  /** The first {@code count} column values. */
  public RowKey first(int count) {
    return slice(0, count);
  }

  /** The last {@code count} column values. */
  public RowKey last(int count) {
    int size = size();
    return slice(size - count, size);
  }

  /** Whether {@code prefix}'s column values are this key's first ones. */
  public boolean startsWith(RowKey prefix) {
    return bytes.length >= prefix.bytes.length && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0,
        prefix.bytes.length);
  }

  /** The column values: Long, LocalDate, Instant, LocalDateTime, String or BigDecimal. */
  public List<Object> values() {
    var values = new ArrayList<Object>();
    var buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      byte tag = buffer.get();
      values.add(switch (tag) {
        case INTEGER -> buffer.getLong() ^ Long.MIN_VALUE;
        case DATE -> LocalDate.ofEpochDay(buffer.getLong() ^ Long.MIN_VALUE);
        case TIMESTAMP -> Instant.EPOCH.plus(buffer.getLong() ^ Long.MIN_VALUE, ChronoUnit.MICROS);
        case LOCAL_TIMESTAMP -> LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
            .plus(buffer.getLong() ^ Long.MIN_VALUE, ChronoUnit.MICROS);
        case TEXT -> text(buffer);
        case DECIMAL -> new BigDecimal(text(buffer));
        default -> throw new IllegalArgumentException("not a key: type " + tag + " at byte " + (buffer.position() - 1));
      });
    }
    return values;
  }

  /** The document id this key gives as a root's key (see the class comment, and {@link DocumentIdText}). */
  public String text() {
    return DocumentIdText.of(values());
  }

  private static void encode(ByteArrayOutputStream out, Object value) {
    switch (value) {
      case null -> throw new IllegalArgumentException("a key column is null");
      case Long l -> fixed(out, INTEGER, l);
      case Integer i -> fixed(out, INTEGER, i);
      case Short s -> fixed(out, INTEGER, s);
      case LocalDate date -> fixed(out, DATE, date.toEpochDay());
      case Instant instant -> fixed(out, TIMESTAMP, ChronoUnit.MICROS.between(Instant.EPOCH, instant));
      case LocalDateTime local -> fixed(out, LOCAL_TIMESTAMP,
          ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), local));
      case BigDecimal decimal -> escaped(out, DECIMAL, decimal.toPlainString());
      case UUID uuid -> escaped(out, TEXT, uuid.toString());
      case CharSequence text -> escaped(out, TEXT, text.toString());
      default -> throw new IllegalArgumentException("a key column of type " + value.getClass().getSimpleName()
          + " is not supported: keys are integers, numeric, text, uuid, date or timestamp");
    }
  }

  private static void fixed(ByteArrayOutputStream out, byte tag, long value) {
    out.write(tag);
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value ^ Long.MIN_VALUE).array());
  }

  private static void escaped(ByteArrayOutputStream out, byte tag, String text) {
    out.write(tag);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0);
    out.write(0);
  }

  private static String text(ByteBuffer buffer) {
    var out = new ByteArrayOutputStream();
    while (true) {
      byte b = buffer.get();
      if (b == 0) {
        byte next = buffer.get();
        if (next == 0) {
          return out.toString(StandardCharsets.UTF_8);
        }
        out.write(0); // 0x00 0xFF: a zero byte of the text
      } else {
        out.write(b);
      }
    }
  }

  /** How many bytes the first {@code components} column values of an encoded key take. */
  public static int prefixLength(byte[] bytes, int components) {
    return prefixEnd(bytes, 0, components);
  }

  /**
   * Where the first {@code components} column values of the encoded key that starts at
   * {@code from} in {@code bytes} end (exclusive).
   */
  public static int prefixEnd(byte[] bytes, int from, int components) {
    int at = from;
    for (int i = 0; i < components; i++) {
      if (at >= bytes.length) {
        throw new IllegalArgumentException("not a key of " + components + " columns: it has " + i);
      }
      byte tag = bytes[at++];
      if (tag == TEXT || tag == DECIMAL) {
        while (!(bytes[at] == 0 && bytes[at + 1] == 0)) {
          at += bytes[at] == 0 ? 2 : 1;
        }
        at += 2;
      } else {
        at += Long.BYTES;
      }
    }
    return at;
  }

  /** Where each column value ends in {@code bytes}. */
  private static int[] componentEnds(byte[] bytes) {
    var ends = new int[4];
    int count = 0;
    int at = 0;
    while (at < bytes.length) {
      byte tag = bytes[at++];
      switch (tag) {
        case INTEGER, DATE, TIMESTAMP, LOCAL_TIMESTAMP -> at += Long.BYTES;
        case TEXT, DECIMAL -> {
          while (true) {
            if (at + 1 >= bytes.length) {
              throw new IllegalArgumentException("not a key: unterminated text");
            }
            if (bytes[at] == 0) {
              at += 2;
              if (bytes[at - 1] == 0) {
                break;
              }
            } else {
              at++;
            }
          }
        }
        default -> throw new IllegalArgumentException("not a key: type " + tag + " at byte " + (at - 1));
      }
      if (at > bytes.length) {
        throw new IllegalArgumentException("not a key: truncated");
      }
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      ends[count++] = at;
    }
    return Arrays.copyOf(ends, count);
  }

  @Override
  public int compareTo(RowKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey other && Arrays.equals(bytes, other.bytes);
  }

  /**
   * murmur2 of the bytes, not Arrays.hashCode: under that 31-polynomial the integer keys 1 to 65 536
   * (which differ in their last two bytes) share about 8 160 values, so maps of tens of thousands of
   * keys (the documents marked by a rename, the looked-up rows of an emit) fill up with collisions.
   */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Utils.murmur2(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return text();
  }
}
