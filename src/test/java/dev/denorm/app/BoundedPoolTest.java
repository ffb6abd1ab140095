package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedPoolTest {

  @Test
  void shouldRefuseATaskWhenEveryThreadIsBusyAndTheQueueIsFullAndRunItOnceThereIsRoom() throws Exception {
    var release = new CountDownLatch(1);
    var ran = new AtomicInteger();
    try (var pool = new BoundedPool("test", 2, 3)) {
      for (int i = 0; i < 2; i++) {
        assertThat(pool.offer(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })).as("thread %d", i).isTrue();
      }
      for (int i = 0; i < 3; i++) {
        assertThat(pool.offer(ran::incrementAndGet)).as("queued %d", i).isTrue();
      }
      assertThat(pool.offer(ran::incrementAndGet)).as("the sixth task").isFalse();

      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 3);
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.offer(ran::incrementAndGet));
    }
  }

  @Test
  void shouldRefuseEveryTaskOnceClosed() {
    var pool = new BoundedPool("test", 1, 1);
    pool.close();

    assertThat(pool.closed()).isTrue();
    assertThat(pool.offer(() -> { })).isFalse();
  }
}
