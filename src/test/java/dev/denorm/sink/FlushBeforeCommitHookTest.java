package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The parts of the flush before commit, one at a time; {@link SinkCommitTest} runs them in a task. */
class FlushBeforeCommitHookTest {

  /** Records what the hook and the check ask of a processor. */
  private static final class Recording implements FlushBeforeCommitHook.Flushable {
    int flushes;
    long unflushed;
    int unacknowledged;

    @Override
    public void flushBeforeCommit() {
      flushes++;
      unflushed = 0;
      unacknowledged = 0;
    }

    @Override
    public long unflushed() {
      return unflushed;
    }

    @Override
    public int unacknowledged() {
      return unacknowledged;
    }
  }

  private static Bytes key(String tick) {
    return Bytes.wrap(tick.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldFlushTheProcessorWhoseTickTheRecordCacheWritesOut() {
    var hook = new FlushBeforeCommitHook("orders");
    var first = new Recording();
    var second = new Recording();
    String firstTick = hook.bind(first);
    hook.bind(second);
    var underTheCache = new CommitTick.UnderTheCache("sink-orders-commit-tick", hook);

    underTheCache.put(key(firstTick), new byte[8]);

    assertThat(first.flushes).isEqualTo(1);
    assertThat(second.flushes).isZero();
    assertThat(underTheCache.get(key(firstTick))).as("keeps nothing").isNull();
    assertThat(underTheCache.persistent()).isFalse();
  }

  @Test
  void shouldGiveEachProcessorItsOwnTick() {
    var hook = new FlushBeforeCommitHook("orders");
    assertThat(hook.bind(new Recording())).isNotEqualTo(hook.bind(new Recording()));
  }

  @Test
  void shouldIgnoreATickOfAClosedProcessor() {
    var hook = new FlushBeforeCommitHook("orders");
    var processor = new Recording();
    String tick = hook.bind(processor);
    hook.unbind(tick);

    hook.flush(tick);

    assertThat(processor.flushes).isZero();
  }

  @Test
  void shouldPassTheCheckAfterOffsetsCommittedOnceEverythingWasFlushed() {
    var check = new CommitCheck("sink-orders-commit-check");
    var processor = new Recording();
    processor.unflushed = 3;
    processor.unacknowledged = 3;
    check.bind(processor);
    var hook = new FlushBeforeCommitHook("orders");
    String tick = hook.bind(processor);

    hook.flush(tick);

    assertThatCode(() -> check.commit(Map.of())).doesNotThrowAnyException();
    assertThat(processor.flushes).isEqualTo(1);
  }

  @Test
  void shouldFailLoudlyWhenOffsetsWereCommittedWithoutTheFlush() {
    var check = new CommitCheck("sink-orders-commit-check");
    var processor = new Recording();
    processor.unflushed = 2;
    check.bind(processor);

    assertThatThrownBy(() -> check.commit(Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not flushed before the offset commit");
  }

  @Test
  void shouldFailLoudlyEvenWhenTheEngineHadAcknowledgedEverythingByItself() {
    // the writer's linger may have sent it all; the records' dead letters may still be unflushed
    var check = new CommitCheck("sink-orders-commit-check");
    var processor = new Recording();
    processor.unflushed = 1;
    processor.unacknowledged = 0;
    check.bind(processor);

    assertThatThrownBy(() -> check.commit(Map.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCheckNothingWhenNoProcessorIsBound() {
    var check = new CommitCheck("sink-orders-commit-check");
    var processor = new Recording();
    processor.unflushed = 2;
    check.bind(processor);
    check.unbind();

    assertThatCode(() -> check.commit(Map.of())).doesNotThrowAnyException();
    assertThat(check.persistent()).isFalse();
  }

  @Test
  void shouldNeverLogTheCheckOrTheTicks() {
    var check = CommitCheck.builder("sink-orders-commit-check");
    assertThat(check.loggingEnabled()).isFalse();
    assertThat(check.logConfig()).isEmpty();
    assertThat(check.withLoggingDisabled().build().name()).isEqualTo("sink-orders-commit-check");
    var ticks = CommitTick.storeBuilder("sink-orders-commit-tick", new FlushBeforeCommitHook("orders"));
    assertThat(ticks.loggingEnabled()).isFalse();
    assertThat(ticks.name()).isEqualTo("sink-orders-commit-tick");
  }

  @Test
  void shouldRefuseARecordCacheOfZeroBytesUnderEitherName() {
    assertThatThrownBy(() -> CommitTick.requireRecordCache(Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
    assertThatThrownBy(() -> CommitTick.requireRecordCache(Map.of("cache.max.bytes.buffering", 0L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cache.max.bytes.buffering");
    // as Kafka Streams reads them: the new name wins, and no setting means its default (10 MiB)
    assertThatCode(() -> CommitTick.requireRecordCache(Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "1024",
        "cache.max.bytes.buffering", "0"))).doesNotThrowAnyException();
    assertThatCode(() -> CommitTick.requireRecordCache(Map.of())).doesNotThrowAnyException();
  }
}
