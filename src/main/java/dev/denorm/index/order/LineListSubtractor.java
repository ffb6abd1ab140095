package dev.denorm.index.order;

import dev.denorm.index.SortedById;
import dev.denorm.state.PricedLine;
import dev.denorm.state.PricedLineList;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Removes a line from its (old) order's list: the line was deleted, changed, moved to another
 * order, or its product changed. An emptied list is dropped from the store (null).
 */
public final class LineListSubtractor implements Aggregator<Long, PricedLine, PricedLineList> {

  @Override
  public PricedLineList apply(Long orderId, PricedLine line, PricedLineList list) {
    var remaining = SortedById.remove(list.getItems(), LineListAdder.lineId(line), LineListAdder::lineId);
    return remaining.isEmpty() ? null : new PricedLineList(remaining);
  }
}
