package dev.denorm.assembly;

import dev.denorm.index.DocumentIndex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-assembles the marked documents and emits those whose content changed: once per emit
 * interval, however many of their rows changed in between; never a document that is the same as
 * the last one emitted, nor a delete of one never emitted.
 *
 * <p>Nothing is lost on a crash: a document stays marked in the changelogged dirty store until a
 * commit has followed its emit (then it is in its document topic), and the emitted store records
 * its hash only then. After a crash the marked documents are simply re-assembled and compared
 * with the last committed hash.
 */
final class DocumentEmitter<D extends SpecificRecord> {

  private static final byte[] GONE = new byte[0];

  private final DocumentIndex<D> index;
  private final ProcessorContext<String, byte[]> context;
  private final StoreRows rows;
  private final KeyValueStore<Bytes, byte[]> dirty;
  private final KeyValueStore<Bytes, byte[]> emitted;
  private final CommitEpoch commits;
  private final MessageDigest sha256;
  /** Emitted since the last commit: document id -> hash, or GONE for a delete. */
  private final Map<Long, byte[]> sent = new HashMap<>();
  /** Marked again after they were sent: to re-assemble. */
  private final Set<Long> markedAgain = new HashSet<>();
  private long epoch;

  DocumentEmitter(DocumentIndex<D> index, ProcessorContext<String, byte[]> context, IndexState state) {
    this.index = index;
    this.context = context;
    this.rows = new StoreRows(state);
    this.dirty = ((ProcessingContext) context).getStateStore(IndexStores.dirty(index));
    this.emitted = context.getStateStore(IndexStores.emitted(index));
    this.commits = context.getStateStore(IndexStores.commits(index));
    this.epoch = commits.epoch();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A row of the document changed. */
  void mark(long documentId) {
    dirty.put(Keys.bytes(documentId), Keys.EMPTY);
    if (sent.containsKey(documentId)) {
      markedAgain.add(documentId);
    }
  }

  /** Settles what a commit confirmed, then emits every marked document that changed. */
  void emit(long now) {
    settleCommitted();
    List<Long> due = new ArrayList<>();
    try (var all = dirty.all()) {
      all.forEachRemaining(kv -> due.add(Keys.id(kv.key.get(), 0)));
    }
    rows.clearLookups();
    for (long id : due) {
      boolean pending = sent.containsKey(id);
      if (pending && !markedAgain.remove(id)) {
        continue; // emitted, waiting for the commit that confirms it
      }
      byte[] document = rows.moveTo(index.plan().root(), id) ? index.documentSerde().toBytes(index.assemble(rows)) : null;
      byte[] hash = document == null ? GONE : sha256.digest(document);
      byte[] last = pending ? sent.get(id) : emitted.get(Keys.bytes(id));
      boolean same = last == null ? document == null : Arrays.equals(last, hash);
      if (same) {
        if (!pending) {
          dirty.delete(Keys.bytes(id));
        }
        continue;
      }
      context.forward(new Record<>(Long.toString(id), document, now));
      sent.put(id, hash);
    }
  }

  /** After a commit, what was sent before it is in the document topic: record it, unmark it. */
  private void settleCommitted() {
    long now = commits.epoch();
    if (now == epoch) {
      return;
    }
    epoch = now;
    for (var entry : sent.entrySet()) {
      var key = Keys.bytes(entry.getKey());
      if (entry.getValue() == GONE) {
        emitted.delete(key);
      } else {
        emitted.put(key, entry.getValue());
      }
      if (!markedAgain.contains(entry.getKey())) {
        dirty.delete(key);
      }
    }
    sent.clear();
    markedAgain.clear();
  }
}
