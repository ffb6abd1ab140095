package dev.denorm.sink.reindex;

import dev.denorm.position.Mark;
import dev.denorm.config.KafkaClients;
import org.apache.kafka.common.errors.InterruptException;
import dev.denorm.serde.AvroSerde;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.BulkWriter;
import dev.denorm.sink.bulk.ItemResult;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DocumentConverter;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one index's new version from its document topic while the live one serves: reads every
 * partition from the beginning (or from the positions a build recorded before it was stopped),
 * writes each record with the version the sink gives it (generation above the offset, so the
 * sink's own copies of the same records and the copy here never put an older document over a
 * newer one), records its positions in the new index's {@code _meta} every few seconds, and once
 * it has reached the topic's end, refreshes the new index and moves the alias to it in one
 * request. It then reads on up to the end as it was at the switch (what a sink that did not copy
 * to the new index wrote just before it), finishes the new index and schedules the old one's
 * deletion. Runs on a thread of its own; stopping it halfway leaves a build the next start resumes.
 */
public final class EngineIndexBuilder implements AutoCloseable, BulkListener<Long> {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexBuilder.class);
  private static final long RECORD_EVERY_MS = 2_000;
  private static final long END_CHECK_EVERY_MS = 300;

  /** Where the documents come from and how to read them. */
  public record Source(KafkaClients kafka, String topic, AvroSerde<?> serde, String pipeline, long versionBase) {}

  private final String alias;
  private final ReindexPlan.Build build;
  private final Source source;
  private final EngineIndexVersions versions;
  private final Retirement retirement;
  private final long graceMs;
  private final int maxPerSecond;
  private final Runnable onFinished;
  private final BulkWriter<Long> writer;
  private final DocumentConverter converter;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final AtomicLong rejected = new AtomicLong();
  private final Thread thread;
  private final Map<Integer, Long> next = new HashMap<>();
  private volatile boolean closed;
  private volatile boolean finished;

  /**
   * Opens the consumer and checks that the topic still holds every document; {@link #start()} runs it.
   *
   * @param writers makes the bulk writer, given this builder as its listener
   * @param onFinished called once the alias points at the new index and it is finished
   * @throws IllegalStateException when the document topic lost records (not compacted, retention passed)
   */
  public EngineIndexBuilder(String alias, ReindexPlan.Build build, Source source, EngineIndexVersions versions,
      Retirement retirement, long graceMs, int maxPerSecond, Function<BulkListener<Long>, BulkWriter<Long>> writers,
      Runnable onFinished) {
    this.alias = alias;
    this.build = build;
    this.source = source;
    this.versions = versions;
    this.retirement = retirement;
    this.graceMs = graceMs;
    this.maxPerSecond = maxPerSecond;
    this.onFinished = onFinished;
    this.converter = new DocumentConverter(build.name(), source.pipeline());
    this.consumer = source.kafka().consumer("reindex-" + build.name(),
        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    try {
      this.partitions = consumer.partitionsFor(source.topic()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      TopicCompleteness.require(source.kafka(), source.topic(), consumer.beginningOffsets(partitions), alias);
      for (TopicPartition partition : partitions) {
        Long position = build.positions().get(partition.partition());
        if (position == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, position);
        }
        next.put(partition.partition(), consumer.position(partition));
      }
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    this.writer = writers.apply(this);
    this.thread = new Thread(this::run, "denorm-reindex-" + alias);
    thread.setDaemon(true);
  }

  public synchronized void start() {
    if (!closed) {
      thread.start();
    }
  }

  /** Whether the alias points at the new index and the build is done. */
  public boolean finished() {
    return finished;
  }

  private void run() {
    try {
      copy();
    } catch (WakeupException | InterruptedException | InterruptException e) {
      if (!closed) {
        log.warn("The build of {} for index {} was interrupted; the next start resumes it", build.name(), alias);
      }
    } catch (RuntimeException | IOException e) {
      if (closed) {
        log.info("The build of {} for index {} stopped with the application; the next start resumes it",
            build.name(), alias);
        return;
      }
      log.error("The build of {} for index {} stopped ({}); {} keeps serving, and the next start resumes the build",
          build.name(), alias, e.toString(), alias, e);
    } finally {
      writer.close();
      // a stop interrupts this thread; with the flag set, the consumer's close would throw instead of closing
      boolean interrupted = Thread.interrupted();
      try {
        consumer.close(Duration.ofSeconds(5));
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void copy() throws InterruptedException, IOException {
    long startNanos = System.nanoTime();
    long copied = 0;
    long lastRecordMs = System.currentTimeMillis();
    long lastEndCheckMs = 0;
    Map<TopicPartition, Long> tailUntil = null;
    VersionedIndex retiring = null;
    while (!closed) {
      var records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<String, byte[]> record : records) {
        write(record);
        copied++;
        throttle(startNanos, copied);
        lastRecordMs = recordEvery(lastRecordMs, copied);
      }
      // all polled records are done: the consumer's positions (past skipped transaction markers) hold
      partitions.forEach(p -> next.put(p.partition(), consumer.position(p)));
      lastRecordMs = recordEvery(lastRecordMs, copied);
      long now = System.currentTimeMillis();
      if (now - lastEndCheckMs < END_CHECK_EVERY_MS) {
        continue;
      }
      lastEndCheckMs = now;
      if (tailUntil == null && reached(consumer.endOffsets(partitions))) {
        writer.flush();
        recordPositions();
        retiring = switchAlias();
        tailUntil = consumer.endOffsets(partitions);
      }
      if (tailUntil != null && reached(tailUntil)) {
        writer.flush();
        finish(retiring, copied, startNanos);
        return;
      }
    }
  }

  /** Records the positions if the last time was {@link #RECORD_EVERY_MS} ago; returns when it last did. */
  private long recordEvery(long lastRecordMs, long copied) throws InterruptedException, IOException {
    long now = System.currentTimeMillis();
    if (now - lastRecordMs < RECORD_EVERY_MS) {
      return lastRecordMs;
    }
    recordPositions();
    log.info("Building {} for index {}: {} records copied, positions {}", build.name(), alias, copied, positions());
    return now;
  }

  private void write(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    next.put(record.partition(), record.offset() + 1);
    if (record.key() == null || record.key().isBlank() || Mark.isDocumentKey(record.key())) {
      return; // no document, or a position mark
    }
    BulkAction action;
    try {
      action = converter.convert(record.key(), source.versionBase() + record.offset(),
          record.value() == null ? null : source.serde().fromBytes(record.value()));
    } catch (RuntimeException e) {
      // the sink dead-lettered it when it read it; the build has nothing better to write
      return;
    }
    writer.add(action, record.offset());
  }

  private void throttle(long startNanos, long copied) throws InterruptedException {
    if (maxPerSecond <= 0) {
      return;
    }
    long due = startNanos + copied * 1_000_000_000L / maxPerSecond;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** The alias moves to the new index; returns the index that was live. */
  private VersionedIndex switchAlias() throws IOException {
    versions.refresh(build.name());
    var live = versions.observe(alias).stream().filter(VersionedIndex::live).findFirst().orElseThrow(
        () -> new IllegalStateException("alias " + alias + " points at no index any more"));
    if (!live.name().equals(build.name())) {
      versions.switchAlias(alias, live, build.name());
      if (live.legacy()) {
        log.info("Index {} (concrete, named like its alias) replaced by the alias {} on {} in one request that "
            + "deleted it: a search running on it at that instant fails and must be retried", live.name(), alias,
            build.name());
      } else {
        log.info("Alias {} moved from {} to {} in one request", alias, live.name(), build.name());
      }
    }
    versions.refresh(build.name());
    return live;
  }

  private void finish(VersionedIndex retired, long copied, long startNanos) throws IOException {
    versions.finish(build.name());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    if (retired != null && !retired.name().equals(build.name()) && !retired.legacy()) {
      long now = System.currentTimeMillis();
      versions.retire(retired.name(), now);
      retirement.schedule(retired.name(), now + graceMs);
      log.info("Reindex of {} done: {} records copied into {} in {} s ({} rejected); {} is deleted in {} s", alias,
          copied, build.name(), seconds, rejected.get(), retired.name(), graceMs / 1000);
    } else {
      log.info("Reindex of {} done: {} records copied into {} in {} s ({} rejected)", alias, copied, build.name(),
          seconds, rejected.get());
    }
    finished = true;
    onFinished.run();
  }

  private void recordPositions() throws InterruptedException, IOException {
    writer.flush();
    versions.recordPositions(build.name(), positions());
  }

  /** Per partition, the next offset to copy: every record below it is written (or being written). */
  private Map<Integer, Long> positions() {
    return Map.copyOf(next);
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    return partitions.stream().allMatch(p -> consumer.position(p) >= ends.getOrDefault(p, 0L));
  }

  @Override
  public void onWritten(BulkAction action, Long offset, boolean stale) {}

  @Override
  public void onRejected(BulkAction action, Long offset, ItemResult error) {
    if (rejected.incrementAndGet() <= 10) {
      log.warn("The new index {} rejected document {} (offset {}): {}; the live sink dead-letters it, with the engine's"
          + " reason, when it next writes it there", build.name(), action.id(), offset, error.errorType());
    }
  }

  /** Stops the copy; what it recorded stays, so the next start resumes from there. */
  @Override
  public synchronized void close() throws InterruptedException {
    closed = true;
    if (thread.getState() == Thread.State.NEW) {
      writer.close();
      consumer.close();
      return;
    }
    consumer.wakeup();
    thread.interrupt();
    thread.join(10_000);
  }
}
