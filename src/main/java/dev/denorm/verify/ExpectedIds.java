package dev.denorm.verify;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids the oracle expects, kept small: a bit per id for numeric ids below 2^26 (8 MiB at most),
 * so that an index of millions of documents costs a few MB; any other id goes into a set.
 */
final class ExpectedIds {

  private final BitSet numeric = new BitSet();
  private final Set<String> other = new HashSet<>();

  void add(String id) {
    int n = asIndex(id);
    if (n >= 0) {
      numeric.set(n);
    } else {
      other.add(id);
    }
  }

  boolean contains(String id) {
    int n = asIndex(id);
    return n >= 0 ? numeric.get(n) : other.contains(id);
  }

  private static final long BITS = 1L << 26;

  /** The id as a bit index if it is a plain non-negative number below 2^26 ("7", not "07" or "-1"), else -1. */
  private static int asIndex(String id) {
    if (id.isEmpty() || id.length() > 10 || (id.length() > 1 && id.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value < BITS ? (int) value : -1;
  }
}
