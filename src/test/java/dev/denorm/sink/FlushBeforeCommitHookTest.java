package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlushBeforeCommitHookTest {

  /** Records what the store asks of its processor. */
  private static final class Recording implements FlushBeforeCommitHook.Flushable {
    int flushes;
    int unacknowledged;

    @Override
    public void flushBeforeCommit() {
      flushes++;
      unacknowledged = 0;
    }

    @Override
    public int unacknowledged() {
      return unacknowledged;
    }
  }

  @Test
  void shouldFlushTheProcessorWhenKafkaStreamsFlushesCachesBeforeCommitting() {
    var buffer = new FlushBeforeCommitHook("sink-orders-buffer");
    var processor = new Recording();
    processor.unacknowledged = 3;
    buffer.bind(processor);

    buffer.flushCache();
    buffer.commit(Map.of());

    assertThat(processor.flushes).isEqualTo(1);
  }

  @Test
  void shouldFailLoudlyWhenOffsetsWereCommittedWithoutTheFlush() {
    var buffer = new FlushBeforeCommitHook("sink-orders-buffer");
    var processor = new Recording();
    processor.unacknowledged = 2;
    buffer.bind(processor);

    assertThatThrownBy(() -> buffer.commit(Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not flushed before the offset commit");
  }

  @Test
  void shouldDoNothingWhenNoProcessorIsBound() {
    var buffer = new FlushBeforeCommitHook("sink-orders-buffer");
    buffer.flushCache();
    buffer.commit(Map.of());
    assertThat(buffer.persistent()).isFalse();
  }

  @Test
  void shouldNeverBeLogged() {
    var builder = FlushBeforeCommitHook.builder("sink-orders-buffer");
    assertThat(builder.loggingEnabled()).isFalse();
    assertThat(builder.logConfig()).isEmpty();
    assertThat(builder.withLoggingDisabled().build().name()).isEqualTo("sink-orders-buffer");
  }
}
