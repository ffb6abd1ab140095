package dev.denorm.reconcile;

import dev.denorm.cdc.ChangeTable;
import dev.denorm.cdc.MalformedChangeException;
import dev.denorm.cdc.RowKey;
import dev.denorm.cdc.RowKeyDecoder;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.TopologySettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Deletes the rows denorm holds that the source table no longer has: rows deleted while the stream
 * missed them, which an incremental snapshot cannot report (it reads the rows that exist).
 *
 * <ol>
 *   <li>Read the table's change topic to its end: the keys whose last record is not a tombstone are
 *       the rows the intake holds.
 *   <li>Ask the table which of them it has no row of ({@link SourceRows}, 1 000 keys a query).
 *   <li>Write a tombstone for each of those to its partition of the change topic, where Debezium's
 *       own would have gone: the intake applies it in order with the table's other changes, and
 *       documents follow as for any delete. Await every acknowledgement.
 *   <li>Ask the table again for those keys. A row inserted after step 2 whose change landed before
 *       the tombstone would now be wrongly deleted; every such row is there at this second look, and
 *       is read again by the snapshot this pass comes before ({@link Result#rereadCondition}): its read comes
 *       after the tombstone. A row inserted after the second look is streamed after the tombstone.
 * </ol>
 *
 * A row deleted again meanwhile gets a second delete, which changes nothing. Memory: the keys the
 * topic holds (about 120 bytes each plus the key).
 */
public final class DeletePass {

  /** Keys a printed list names at most. */
  private static final int NAMED = 20;

  /**
   * What the pass did.
   *
   * @param held rows the intake holds (live keys of the change topic)
   * @param undecodable keys the table's key decoder refused (left alone, as the intake dead-letters them)
   * @param deleted rows gone from the table, a tombstone written for each
   * @param back of those, the rows the table had again at the second look
   * @param rereadCondition the condition that names {@code back}, for the snapshot's signal; empty when none
   */
  public record Result(int held, int undecodable, List<RowKey> deleted, List<RowKey> back, Optional<String> rereadCondition) {}

  /** The table's rows by key. */
  interface Rows {
    /** The keys, of those given, that the table has no row of. */
    List<RowKey> absent(List<RowKey> keys) throws SQLException;

    /** A condition that names exactly these keys, for a snapshot's signal. */
    String condition(List<RowKey> keys);
  }

  private final Function<byte[], RowKey> decoder;
  private final Rows rows;
  private final Consumer<List<LiveKeys.Live>> tombstones;

  DeletePass(Function<byte[], RowKey> decoder, Rows rows, Consumer<List<LiveKeys.Live>> tombstones) {
    this.decoder = decoder;
    this.rows = rows;
    this.tombstones = tombstones;
  }

  /** Runs the pass over {@code table}'s change topic and its source table, printing what it does. */
  public static Result run(KafkaClients kafka, TopologySettings settings, ChangeTable<?> table, Connection database,
      PrintStream out) throws SQLException {
    var source = SourceRows.of(database, settings.sourceSchema(), table.name(), table.keyColumns());
    var topic = new ChangeTopic(kafka, settings.changeTopic(table.name()));
    var decoder = RowKeyDecoder.of(settings, table);
    var live = topic.liveKeys(out);
    var result = new DeletePass(decoder::decode, source, topic::delete).run(live);
    out.printf("Delete pass: %,d rows held in %s, %,d gone from %s.%s%s%n", result.held(), topic.name(),
        result.deleted().size(), settings.sourceSchema(), table.name(),
        result.deleted().isEmpty() ? "" : ", a tombstone written for each: " + named(result.deleted()));
    if (result.undecodable() > 0) {
      out.printf("Delete pass: %,d keys in %s are no key of %s (the intake dead-letters them) and were left alone%n",
          result.undecodable(), topic.name(), table.name());
    }
    if (!result.back().isEmpty()) {
      out.printf("Delete pass: %,d of them were inserted again meanwhile and are read again: %s%n", result.back().size(),
          named(result.back()));
    }
    return result;
  }

  Result run(LiveKeys live) throws SQLException {
    var held = new ArrayList<Held>(live.size());
    int undecodable = 0;
    for (var key : live.keys()) {
      try {
        RowKey row = decoder.apply(key.key());
        if (row != null) {
          held.add(new Held(row, key));
        }
      } catch (MalformedChangeException e) {
        undecodable++;
      }
    }
    // in key order, each query reads neighbouring pages of the primary key's index
    held.sort(Comparator.comparing(Held::row));
    var keys = held.stream().map(Held::row).toList();
    var absent = new HashSet<>(rows.absent(keys));
    if (absent.isEmpty()) {
      return new Result(keys.size(), undecodable, List.of(), List.of(), Optional.empty());
    }
    var doomed = held.stream().filter(h -> absent.contains(h.row())).toList();
    var deleted = doomed.stream().map(Held::row).toList();
    tombstones.accept(doomed.stream().map(Held::key).toList());
    var gone = new HashSet<>(rows.absent(deleted));
    var back = deleted.stream().filter(k -> !gone.contains(k)).toList();
    return new Result(keys.size(), undecodable, deleted, back,
        back.isEmpty() ? Optional.empty() : Optional.of(rows.condition(back)));
  }

  /** A row the intake holds: its key, and its key's bytes as Debezium wrote them with their partition. */
  private record Held(RowKey row, LiveKeys.Live key) {}

  private static String named(List<RowKey> keys) {
    var ids = keys.stream().limit(NAMED).map(RowKey::text).toList();
    return String.join(", ", ids) + (keys.size() > NAMED ? " and " + (keys.size() - NAMED) + " more" : "");
  }
}
