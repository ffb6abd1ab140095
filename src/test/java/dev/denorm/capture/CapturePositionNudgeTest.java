package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
  void shouldKeepOneConnectionForEveryNudgeAndCloseItWhenClosed() throws Exception {
    var opened = new AtomicInteger();
    var closed = new AtomicInteger();
    WalGuard.Database database = () -> {
      opened.incrementAndGet();
      return fakeConnection(closed);
    };
    var nudge = new CapturePositionNudge(database, executor);
    for (int i = 1; i <= 3; i++) {
      nudge.request();
      executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
      assertThat(nudge.sent()).isEqualTo(i);
    }
    assertThat(opened.get()).as("one connection for the three").isEqualTo(1);

    executor.submit(nudge::close).get(10, TimeUnit.SECONDS);
    assertThat(closed.get()).isEqualTo(1);
  }

  /** A connection whose statements answer {@code SHOW server_version_num} with 17 and accept any other. */
  private static Connection fakeConnection(AtomicInteger closed) {
    InvocationHandler rows = (proxy, method, args) -> switch (method.getName()) {
      case "next" -> true;
      case "getString" -> "170000";
      default -> null;
    };
    InvocationHandler statement = (proxy, method, args) -> switch (method.getName()) {
      case "executeQuery" -> Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, rows);
      case "execute" -> true;
      default -> null;
    };
    InvocationHandler connection = (proxy, method, args) -> switch (method.getName()) {
      case "createStatement" -> Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
          statement);
      case "close" -> {
        closed.incrementAndGet();
        yield null;
      }
      default -> null;
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        connection);
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
