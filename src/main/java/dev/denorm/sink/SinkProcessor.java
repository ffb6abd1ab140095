package dev.denorm.sink;

import dev.denorm.deadletter.DeadLetters;
import dev.denorm.deadletter.DeadLetter;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.serde.AvroSerde;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.BulkWriter;
import dev.denorm.sink.bulk.ItemResult;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DeleteAction;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.sink.convert.IndexAction;
import dev.denorm.serde.ChangedHeader;
import dev.denorm.position.Mark;
import dev.denorm.position.Positions;
import io.micrometer.core.instrument.Timer;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that touches both Kafka Streams and the search engine. Each document record
 * becomes a bulk action whose external version is the record's offset (a document's records all
 * live in one partition, so the offset only grows) above the index's version generation (one more
 * each time the document topic is created anew); the writer batches it. While it holds records
 * it has not flushed, it keeps a tick dirty in Kafka Streams' record cache (the next node,
 * {@link CommitTick}); Kafka Streams flushes that cache before it commits the task's offsets, and
 * the {@link FlushBeforeCommitHook} then has this processor send what is buffered and wait for the
 * engine (and the dead-letter topic) to acknowledge it, so a committed offset never covers an
 * unacknowledged action; its {@link CommitCheck} fails loudly after a commit that came without
 * it. Rejected documents go to the dead-letter topic; the rest is written. While the index is
 * being rebuilt ({@link EngineSession#buildTarget}), each action is also sent, with the same
 * version, to the index being built, in the same writer: a commit covers both. Position marks in
 * the document topic are not written: once every action below one is done ({@link AckedMarks}), the
 * task's position goes to {@link Positions}, where the read-your-writes barrier waits for it.
 */
final class SinkProcessor<D extends SpecificRecord>
    implements Processor<String, byte[], String, Long>, FlushBeforeCommitHook.Flushable, BulkListener<SourceOffset> {

  private static final Logger log = LoggerFactory.getLogger(SinkProcessor.class);
  private static final long EVICTION_WARN_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String index;
  private final FlushBeforeCommitHook hook;
  private final String checkStoreName;
  private final AvroSerde<D> serde;
  private final DocumentConverter converter;
  private final Supplier<EngineSession> engine;
  /** Change handed to Kafka by Connect -> the engine acknowledged the document write it caused. */
  private final Timer freshness;
  private final String deadLetterTopic;
  private final Queue<DeadLetter> rejected = new ConcurrentLinkedQueue<>();
  private ProcessorContext<String, Long> context;
  private CommitCheck check;
  /** The key of this processor's tick in the record cache. */
  private String tick;
  /** Records handled since the last flush: while above 0, the tick is dirty in the record cache. */
  private long unflushed;
  /** True while forwarding the tick: a flush then means the record cache evicted it. */
  private boolean ticking;
  private long evictions;
  private long lastEvictionWarnNanos;
  private BulkWriter<SourceOffset> writer;
  private EngineSession searchEngine;
  private DeadLetters deadLetters;
  private SinkMetrics metrics;
  /** Added to a record's offset to get its external version: the index's version generation. */
  private long versionBase;
  private long lastOffset = -1;
  private final Positions positions;
  private volatile AckedMarks acked;

  SinkProcessor(String index, FlushBeforeCommitHook hook, String checkStoreName, AvroSerde<D> serde, String pipeline,
      String deadLetterTopic, Supplier<EngineSession> engine, Timer freshness, Positions positions) {
    this.positions = positions;
    this.freshness = freshness;
    this.index = index;
    this.hook = hook;
    this.checkStoreName = checkStoreName;
    this.serde = serde;
    this.converter = new DocumentConverter(index, pipeline);
    this.deadLetterTopic = deadLetterTopic;
    this.engine = engine;
  }

  @Override
  public void init(ProcessorContext<String, Long> context) {
    this.context = context;
    String task = context.taskId().toString();
    metrics = new SinkMetrics(context.metrics(), Thread.currentThread().getName(), task, index);
    deadLetters = new DeadLetters(deadLetterTopic, context.appConfigs(),
        context.applicationId() + "-sink-dead-letters-" + index + "-" + task);
    searchEngine = engine.get();
    writer = searchEngine.newWriter(index + "/" + task, this);
    versionBase = searchEngine.versionBase(index);
    lastOffset = -1;
    unflushed = 0;
    acked = new AckedMarks(positions, index, context.taskId().partition());
    check = context.getStateStore(checkStoreName);
    check.bind(this);
    tick = hook.bind(this);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    var meta = context.recordMetadata().orElseThrow();
    try {
      write(record, meta);
    } finally {
      // Whatever the record led to (an action, a dead letter, or an exception that a handler may
      // skip), the commit that covers its offset must flush first: keep the tick dirty until then.
      if (unflushed++ == 0) {
        ticking = true;
        try {
          context.forward(new Record<>(tick, meta.offset(), record.timestamp()));
        } finally {
          ticking = false;
        }
      }
    }
  }

  private void write(Record<String, byte[]> record, RecordMetadata meta) {
    var source = new SourceOffset(meta.topic(), meta.partition(), meta.offset(),
        ChangedHeader.read(record.headers()).orElse(-1));
    requireForward(source);
    String id = record.key();
    if (Mark.isDocumentKey(id)) {
      acked.mark(meta.offset(), Mark.of(record.value()));
      acked.settle();
      return;
    }
    metrics.received.record();
    BulkAction action;
    try {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a document record needs its id as key");
      }
      action = converter.convert(id, versionBase + meta.offset(), serde.fromBytes(record.value()));
    } catch (SerializationException e) {
      deadLetter(new DeadLetter(index, id, "decode_error", e.getMessage(), record.value(), source.topic(),
          source.partition(), source.offset()));
      return;
    } catch (RuntimeException e) {
      deadLetter(new DeadLetter(index, id, "conversion_error", e.getMessage(), record.value(),
          source.topic(), source.partition(), source.offset()));
      return;
    }
    try {
      String build = searchEngine.buildTarget(index);
      acked.opened(meta.offset());
      if (build != null) {
        acked.opened(meta.offset());
      }
      writer.add(action, source);
      if (build != null) {
        writer.add(action.to(build), source);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while waiting for the search engine", e);
    }
    drainRejected();
  }

  /**
   * Offsets are versions, so they must only grow: one that goes back while the task runs means the
   * topic was deleted and created again under it (the consumer reset to its start). Writing on would
   * be ignored as stale; stopping lets the next start notice the new topic and raise the generation.
   */
  private void requireForward(SourceOffset source) {
    if (source.offset() < lastOffset) {
      throw new IllegalStateException("document topic " + source.topic() + "-" + source.partition()
          + " went back from offset " + lastOffset + " to " + source.offset() + " while running: it was deleted and "
          + "created again. Stopping: restart this instance, and it writes with a new version generation "
          + "(its writes would be ignored as stale otherwise)");
    }
    if (source.offset() >= 1L << EngineSession.GENERATION_SHIFT) {
      throw new IllegalStateException("document topic " + source.topic() + "-" + source.partition() + " reached offset "
          + source.offset() + ", beyond the 2^" + EngineSession.GENERATION_SHIFT + " that versions have room for");
    }
    lastOffset = source.offset();
  }

  @Override
  public void flushBeforeCommit() {
    if (ticking) {
      evicted();
    }
    try {
      writer.flush();
      drainRejected();
      deadLetters.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while flushing to the search engine", e);
    }
    unflushed = 0;
  }

  /** Correct (the flush covers the record), but a wait for the engine outside a commit: say why. */
  private void evicted() {
    evictions++;
    long now = System.nanoTime();
    if (evictions == 1 || now - lastEvictionWarnNanos >= EVICTION_WARN_NANOS) {
      lastEvictionWarnNanos = now;
      log.warn("Sink {}/{}: the record cache evicted the sink's commit tick, so the sink waited for the search "
          + "engine outside a commit ({} so far). The stream thread's share of statestore.cache.max.bytes is "
          + "full (other cached stores fill it): raise it", index, context.taskId(), evictions);
    }
  }

  @Override
  public long unflushed() {
    return unflushed;
  }

  @Override
  public int unacknowledged() {
    return writer.pending();
  }

  @Override
  public void onWritten(BulkAction action, SourceOffset token, boolean stale) {
    acked.done(token.offset());
    acked.settle();
    if (!action.index().equals(index)) {
      return; // the copy for an index being built: the metrics count the live writes
    }
    if (stale) {
      metrics.stale.record();
      return;
    }
    if (action instanceof DeleteAction) {
      metrics.deleted.record();
    } else {
      metrics.indexed.record();
    }
    if (token.changedMs() > 0) {
      freshness.record(Math.max(0, System.currentTimeMillis() - token.changedMs()), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void onSuperseded(BulkAction older, SourceOffset olderToken, SourceOffset newerToken) {
    acked.superseded(olderToken.offset(), newerToken.offset());
  }

  @Override
  public void onRejected(BulkAction action, SourceOffset token, ItemResult error) {
    acked.done(token.offset());
    acked.settle();
    // A document too large for a request may be too large for the dead-letter topic too: it stays
    // at its source position (the headers), and the reason gives its size.
    byte[] value = action instanceof IndexAction indexAction && !ItemResult.TOO_LARGE.equals(error.errorType())
        ? indexAction.source() : null;
    rejected.add(new DeadLetter(action.index(), action.id(), error.errorType(), error.reason(), value,
        token.topic(), token.partition(), token.offset()));
  }

  @Override
  public void onRequest(int actions, int bytes, long latencyNanos) {
    metrics.batchSize.record(actions);
    metrics.bulkLatencyMs.record(latencyNanos / 1e6);
  }

  @Override
  public void onRetry(int actions) {
    metrics.retried.record(actions);
  }

  @Override
  public void onOldestUnacknowledged(long ageMs) {
    metrics.oldestUnacknowledgedMs.record(ageMs);
  }

  private void drainRejected() {
    DeadLetter letter;
    while ((letter = rejected.poll()) != null) {
      deadLetter(letter);
    }
  }

  private void deadLetter(DeadLetter letter) {
    metrics.deadLettered.record();
    deadLetters.send(letter);
  }

  /** Unacknowledged actions are dropped here: their offsets were not committed, so they are replayed. */
  @Override
  public void close() {
    if (acked != null) {
      acked.gone();
    }
    if (check != null) {
      check.unbind();
    }
    if (tick != null) {
      hook.unbind(tick);
    }
    if (writer != null) {
      writer.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
