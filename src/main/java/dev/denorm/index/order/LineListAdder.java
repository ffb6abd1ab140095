package dev.denorm.index.order;

import dev.denorm.index.SortedById;
import dev.denorm.state.PricedLine;
import dev.denorm.state.PricedLineList;
import org.apache.kafka.streams.kstream.Aggregator;

/** Adds (or replaces) a line in its order's list, keeping the list sorted by line id. */
public final class LineListAdder implements Aggregator<Long, PricedLine, PricedLineList> {

  @Override
  public PricedLineList apply(Long orderId, PricedLine line, PricedLineList list) {
    return new PricedLineList(SortedById.upsert(list.getItems(), line, LineListAdder::lineId));
  }

  static long lineId(PricedLine line) {
    return line.getLine().getId();
  }
}
