package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.serde.TransactionHeader;
import dev.denorm.serde.ChangedHeader;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Root;
import dev.denorm.position.Mark;
import java.util.ArrayDeque;
import dev.denorm.serde.AvroSerde;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-assembles the marked documents and emits those whose content changed: once per emit
 * interval, however many of their rows changed in between; never a document that is the same as
 * the last one emitted, nor a delete of one never emitted, unless a repair asked for it.
 *
 * <p>Nothing is lost on a crash: a document stays marked in the changelogged dirty store until a
 * commit has followed its emit (then it is in its document topic), and the emitted store records
 * its hash only then. After a crash the marked documents are simply re-assembled and compared
 * with the last committed hash. Under exactly-once the emit and this bookkeeping are in one
 * transaction, so they settle at once (Kafka Streams then commits stores only at checkpoints).
 */
final class DocumentEmitter<D extends SpecificRecord> {

  private static final byte[] GONE = new byte[0];
  /**
   * The last hash of a document to repair: equals no hash and not GONE, so the document is written
   * whatever it is, also after a restart (the request's mark and this are in the changelogs).
   */
  private static final byte[] REPAIR = {'r'};

  /**
   * Documents assembled per punctuation at most: a backfill marks tens of thousands at once, and
   * assembling them in one go would keep the stream thread (and the sink tasks that share it)
   * from running for seconds; the rest waits for the next punctuation, one interval later.
   */
  static final int MAX_PER_EMIT = 5_000;

  private final DocumentIndex<D> index;
  private final Root<?> root;
  private final AvroSerde<D> serde;
  private final ProcessorContext<String, byte[]> context;
  private final DocumentRows rows;
  private final KeyValueStore<Bytes, byte[]> dirty;
  private final KeyValueStore<Bytes, byte[]> emitted;
  private final CommitEpoch commits;
  private final MessageDigest sha256;
  // Keyed by RowKey, not by the stores' Bytes: Bytes hashes as Arrays.hashCode, under which integer
  // keys of up to 65 536 share about 8 160 hash values, and these maps hold tens of thousands of them.
  /** Emitted since the last commit: document key -> hash, or GONE for a delete. */
  private final Map<RowKey, byte[]> sent = new HashMap<>();
  /** Marked since the last emit (after a restart: every document still marked in the store). */
  private final Set<RowKey> toAssemble = new LinkedHashSet<>();
  /** Per marked document, the timestamp of the oldest change record that marked it (not kept over a restart). */
  private final Map<RowKey, Long> changedAt = new HashMap<>();
  /** Asked to be written at the next emit, whether it changed or not ({@link #repair}). */
  private final Set<RowKey> repairs = new HashSet<>();
  private long epoch;
  /** Positions reached, each with the count of documents to take from {@link #toAssemble} before it goes on. */
  private final ArrayDeque<Reached> reached = new ArrayDeque<>();

  /** The highest mark due, not yet forwarded at its own position (a waiting document caps it). */
  private Mark ready;
  /** The position of the last mark forwarded. */
  private long forwarded = -1;
  private final TransactionHold transactions;

  /** A position reached, to go on once {@link #taken} is {@code due}. */
  private record Reached(long due, Mark mark) {}
  /** How many documents were ever taken from {@link #toAssemble}. */
  private long taken;
  /** Under exactly-once, an emit and its bookkeeping commit together: settle at once. */
  private final boolean transactional;

  DocumentEmitter(DocumentIndex<D> index, Root<?> root, ProcessorContext<String, byte[]> context, AssemblyState state,
      TransactionHold transactions) {
    this.transactions = transactions;
    this.index = index;
    this.root = root;
    this.serde = index.documentSerde();
    this.context = context;
    this.rows = new DocumentRows(state, state.layout());
    this.dirty = ((ProcessingContext) context).getStateStore(AssemblyStores.dirty(index));
    this.emitted = context.getStateStore(AssemblyStores.emitted(index));
    this.commits = context.getStateStore(AssemblyStores.commits(index));
    this.epoch = commits.epoch();
    long now = context.currentSystemTimeMs();
    try (var all = dirty.all()) {
      all.forEachRemaining(kv -> {
        var document = RowKey.fromBytes(kv.key.get());
        toAssemble.add(document);
        // what transactions marked it is not kept: it waits for the task's first position, past which
        // every transaction committed before it (one applied in part before the restart too) is applied
        transactions.changed(document, 0, now);
      });
    }
    this.transactional = StreamsConfig.EXACTLY_ONCE_V2.equals(context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A row of the document changed, in a change record of this timestamp (ms), in a transaction that
   * began after the commit at {@code previousCommit} ({@link dev.denorm.serde.TransactionHeader#NONE}: unknown).
   */
  void mark(byte[] documentKey, long changeTimestamp, long previousCommit) {
    var document = RowKey.fromBytes(documentKey);
    changedAt.merge(document, changeTimestamp, Math::min);
    if (previousCommit != TransactionHeader.NONE) { // only transaction alignment gives one
      transactions.changed(document, previousCommit, context.currentSystemTimeMs());
    }
    mark(document);
  }

  /**
   * Writes the document at the next emit as the stores hold it, or a tombstone if they hold no
   * root row, even if that equals the last one written: the engine lost or altered it. Its record
   * comes after every earlier one of the document, so the sink writes it with a higher version.
   */
  void repair(byte[] documentKey) {
    var document = RowKey.fromBytes(documentKey);
    repairs.add(document);
    emitted.put(Bytes.wrap(documentKey), REPAIR);
    mark(document);
  }

  /**
   * The task's position rose to the mark's: every document marked until now depends on changes up
   * to it. It goes on to the document topic once those are taken from the queue (emitted, or found
   * unchanged): they are ahead of every later mark in it, and a document marked again stays where it
   * is.
   */
  void reached(Mark mark) {
    transactions.reached(mark.position());
    long due = taken + toAssemble.size();
    if (!reached.isEmpty() && reached.peekLast().due() == due) {
      reached.pollLast(); // nothing was marked since the last one: this one stands for both
    }
    reached.add(new Reached(due, mark));
  }

  /** The key of a position mark in a document topic ({@link Mark#DOCUMENT_KEY_PREFIX}). */
  static String positionKey(int partition) {
    return Mark.DOCUMENT_KEY_PREFIX + partition;
  }

  private void mark(RowKey document) {
    // the store's mark survives a crash; it exists already while the document is pending
    if (toAssemble.add(document) && !sent.containsKey(document)) {
      dirty.put(Bytes.wrap(document.bytes()), Keys.EMPTY);
    }
  }

  /**
   * Settles what a commit confirmed, then emits every marked document that changed (but those that
   * wait for the rest of a transaction, {@link TransactionHold}), and the highest mark now due.
   */
  void emit(long now) {
    settleCommitted();
    rows.clearLookups();
    int assembled = 0;
    for (var due = toAssemble.iterator(); due.hasNext() && assembled < MAX_PER_EMIT; ) {
      RowKey key = due.next();
      due.remove();
      taken++;
      if (!transactions.holds(key, now)) {
        write(key, now);
        assembled++;
      }
    }
    for (RowKey key : transactions.released(now, MAX_PER_EMIT - assembled)) {
      write(key, now);
    }
    while (!reached.isEmpty() && reached.peek().due() <= taken) {
      ready = reached.poll().mark(); // the highest of those due goes
    }
    if (ready != null) {
      long position = transactions.cap(ready.position());
      if (position > forwarded) {
        forwarded = position;
        var mark = new Mark(position, ready.partition(), ready.partitions());
        context.forward(new Record<>(positionKey(mark.partition()), mark.bytes(), now));
      }
      if (position == ready.position()) {
        ready = null;
      }
    }
    if (transactional) {
      settle();
    }
  }

  /** Assembles the document and sends it on, unless it equals the last one sent. */
  private void write(RowKey key, long now) {
    Long changed = changedAt.remove(key);
    boolean pending = sent.containsKey(key);
    byte[] document = rows.moveTo(root, key) ? serde.toBytes(index.assemble(rows)) : null;
    byte[] hash = document == null ? GONE : sha256.digest(document);
    byte[] last = pending ? sent.get(key) : emitted.get(Bytes.wrap(key.bytes()));
    boolean same = !repairs.remove(key) && (last == null ? document == null : Arrays.equals(last, hash));
    if (same) {
      if (!pending) {
        dirty.delete(Bytes.wrap(key.bytes()));
      }
      return;
    }
    var headers = new RecordHeaders();
    if (changed != null) {
      headers.add(ChangedHeader.NAME, ChangedHeader.bytes(changed));
    }
    context.forward(new Record<>(key.text(), document, now, headers));
    sent.put(key, hash);
  }

  /** After a commit, what was sent before it is in the document topic: record it, unmark it. */
  private void settleCommitted() {
    long now = commits.epoch();
    if (now != epoch) {
      epoch = now;
      settle();
    }
  }

  private void settle() {
    for (var entry : sent.entrySet()) {
      var key = Bytes.wrap(entry.getKey().bytes());
      if (repairs.contains(entry.getKey())) {
        emitted.put(key, REPAIR); // a repair asked for since: still to write
      } else if (entry.getValue() == GONE) {
        emitted.delete(key);
      } else {
        emitted.put(key, entry.getValue());
      }
      if (!toAssemble.contains(entry.getKey()) && !transactions.waiting(entry.getKey())) {
        dirty.delete(key); // a document marked again, or waiting for its transactions, stays marked
      }
    }
    sent.clear();
  }
}
