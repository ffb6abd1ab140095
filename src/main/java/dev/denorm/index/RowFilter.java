package dev.denorm.index;

import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A relation's filter: which rows take part, and the condition in words (as the oracle SQL states
 * it, e.g. {@code deleted_at IS NULL}). The words are part of the plan's description, so a changed
 * condition is seen at start as a changed plan; a filter without words is described as "filtered".
 */
public record RowFilter<R extends SpecificRecord>(String condition, Predicate<? super R> test) {

  public RowFilter {
    if (test == null) {
      throw new IllegalArgumentException("a filter needs a test");
    }
  }
}
