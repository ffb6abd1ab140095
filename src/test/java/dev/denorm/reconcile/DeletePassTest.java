package dev.denorm.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.MalformedChangeException;
import dev.denorm.cdc.RowKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The delete pass's protocol, with the table as a set of ids that the test changes between the
 * first and the second look, and the change topic as the list of tombstones written.
 */
class DeletePassTest {

  /** A key is the text {@code id=N}; {@code bad} is no key of the table, {@code truncate} the truncate's key. */
  private static RowKey decode(byte[] key) {
    String text = new String(key, StandardCharsets.UTF_8);
    if (text.equals("bad")) {
      throw new MalformedChangeException("change event key of products has no 'id'");
    }
    return text.equals("truncate") ? null : RowKey.of(Long.parseLong(text.substring(3)));
  }

  /** The source table: the ids it has; {@code between} runs after the first look. */
  private static final class Table implements DeletePass.Rows {
    final Set<Long> ids = new HashSet<>();
    Runnable between = () -> {};
    int looks;

    @Override
    public List<RowKey> absent(List<RowKey> keys) {
      if (looks++ == 1) {
        between.run();
      }
      return keys.stream().filter(k -> !ids.contains((Long) k.values().get(0))).toList();
    }

    @Override
    public String condition(List<RowKey> keys) {
      return "\"id\" IN " + keys;
    }
  }

  private static LiveKeys topic(String... keysAtPartitions) {
    var live = new LiveKeys();
    for (String k : keysAtPartitions) {
      var parts = k.split("@");
      live.record(Integer.parseInt(parts[1]), parts[0].getBytes(StandardCharsets.UTF_8), false);
    }
    return live;
  }

  private static List<String> written(List<LiveKeys.Live> tombstones) {
    return tombstones.stream().map(t -> new String(t.key(), StandardCharsets.UTF_8) + "@" + t.partition()).toList();
  }

  @Test
  void shouldWriteNoTombstoneWhenTheTableHasEveryRowTheTopicHolds() throws Exception {
    var table = new Table();
    table.ids.addAll(List.of(1L, 2L));
    var written = new ArrayList<LiveKeys.Live>();

    var result = new DeletePass(DeletePassTest::decode, table, written::addAll).run(topic("id=1@0", "id=2@1"));

    assertThat(result.held()).isEqualTo(2);
    assertThat(result.deleted()).isEmpty();
    assertThat(result.rereadCondition()).isEmpty();
    assertThat(written).isEmpty();
    assertThat(table.looks).as("no second look without a delete").isEqualTo(1);
  }

  @Test
  void shouldTombstoneEachRowGoneFromTheTableInItsOwnPartitionWithDebeziumsKeyBytes() throws Exception {
    var table = new Table();
    table.ids.add(2L);
    var written = new ArrayList<LiveKeys.Live>();

    var result = new DeletePass(DeletePassTest::decode, table, written::addAll)
        .run(topic("id=3@2", "id=1@0", "id=2@1"));

    assertThat(result.deleted()).extracting(RowKey::text).containsExactly("1", "3");
    assertThat(written(written)).containsExactly("id=1@0", "id=3@2");
    assertThat(result.back()).isEmpty();
    assertThat(result.rereadCondition()).isEmpty();
  }

  @Test
  void shouldReadAgainARowInsertedBetweenTheLookAndItsTombstone() throws Exception {
    var table = new Table();
    var written = new ArrayList<LiveKeys.Live>();
    // row 5 comes back after the first look: its insert may have landed before the tombstone
    table.between = () -> table.ids.add(5L);

    var result = new DeletePass(DeletePassTest::decode, table, written::addAll).run(topic("id=4@0", "id=5@0"));

    assertThat(written(written)).containsExactly("id=4@0", "id=5@0");
    assertThat(result.back()).extracting(RowKey::text).containsExactly("5");
    assertThat(result.rereadCondition()).contains("\"id\" IN [5]");
  }

  @Test
  void shouldLeaveAloneKeysTheTableCannotDecodeAndTheTruncatesKey() throws Exception {
    var table = new Table();
    var written = new ArrayList<LiveKeys.Live>();

    var result = new DeletePass(DeletePassTest::decode, table, written::addAll)
        .run(topic("bad@0", "truncate@0", "id=7@0"));

    assertThat(result.undecodable()).isEqualTo(1);
    assertThat(result.held()).isEqualTo(1);
    assertThat(written(written)).containsExactly("id=7@0");
  }
}
