package dev.denorm.assembly;

import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Relation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one processor of an index's assembling task: applies the routed changes of every relation
 * (which relation a record belongs to is told by its routing topic) and, on a wall-clock
 * punctuation, emits the changed documents: key = document id, value = the document's Avro bytes
 * or null for a delete.
 */
final class IndexProcessor<D extends SpecificRecord> implements Processor<byte[], byte[], String, byte[]> {

  private final DocumentIndex<D> index;
  private final Duration emitInterval;
  private final Map<String, Relation<?>> byTopic = new HashMap<>();
  private ProcessorContext<String, byte[]> context;
  private IndexState state;
  private DocumentEmitter<D> emitter;

  IndexProcessor(DocumentIndex<D> index, Duration emitInterval) {
    this.index = index;
    this.emitInterval = emitInterval;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    for (Relation<?> relation : index.plan().relations()) {
      byTopic.put(IndexTopology.routingTopic(context.applicationId(), index, relation), relation);
    }
    state = new IndexState(index, context, id -> emitter.mark(id));
    emitter = new DocumentEmitter<>(index, context, state);
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, emitter::emit);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    Relation<?> relation = byTopic.get(topic);
    if (relation == null) {
      throw new IllegalStateException("index " + index.name() + " got a record from topic '" + topic
          + "', which is none of its routing topics " + byTopic.keySet());
    }
    state.apply(relation, record.key(), record.value());
  }
}
