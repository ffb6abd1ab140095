package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How nudges coalesce. The database here counts the connections asked for, holds the first until
 * released, and refuses each (SQLState 42501, permission denied): a refused nudge must neither
 * throw nor stop the next.
 */
class CapturePositionNudgeTest {

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final AtomicInteger connects = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final WalGuard.Database refusing = () -> {
    if (connects.incrementAndGet() == 1) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new SQLException("permission denied for function pg_logical_emit_message", "42501");
  };

  @AfterEach
  void stop() {
    release.countDown();
    executor.shutdownNow();
  }

  @Test
  void shouldWriteOneMoreMessageForAllThoseAskedForWhileOneIsWritten() throws Exception {
    var nudge = new CapturePositionNudge(refusing, executor);
    nudge.request();
    await().atMost(Duration.ofSeconds(10)).until(() -> connects.get() == 1);
    for (int i = 0; i < 5; i++) {
      nudge.request();
    }
    release.countDown();
    // the nudges run on the one executor thread: a task queued now runs once they are done
    executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    assertThat(connects.get()).as("the first, then one for the five asked meanwhile").isEqualTo(2);
    // idle again: the next ask is written, on the executor
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      nudge.request();
      return connects.get() >= 3;
    });
    assertThat(nudge.sent()).as("PostgreSQL refused each").isZero();
  }

  @Test
  void shouldNotBlockTheThreadThatAsks() {
    var nudge = new CapturePositionNudge(refusing, executor);
    long start = System.nanoTime();
    nudge.request();
    nudge.request();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(connects.get()).isLessThanOrEqualTo(1);
  }
}
