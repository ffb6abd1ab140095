package dev.denorm.config;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings this application runs with unless the user overrides them. */
public final class StreamsDefaults {

  private StreamsDefaults() {}

  public static Properties properties() {
    var p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "denorm");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    // Users edit topology code: generated names would shift and orphan their state.
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    // Under at-least-once, documents are emitted on their own punctuation and written by the sink as
    // its batches fill, not at commit. A commit makes the stream thread wait for the search engine
    // to acknowledge everything sent (measured: 22 s of a 66 s backfill with 1 s), so commit seldom.
    // With exactly_once_v2, output is visible only at commit: set commit.interval.ms=100 or so.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "5000");
    // No store of the assembly is cached; the sink's flush before each commit rides on the cache flush
    // (a tick in a cached store), so the cache must not be 0.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(16L * 1024 * 1024));
    // A change crosses two topics inside the application (routing, documents): Kafka Streams'
    // producer default linger of 100 ms would add 200 ms to every change; 5 ms still batches a backfill.
    p.put(StreamsConfig.producerPrefix("linger.ms"), "5");
    p.put(StreamsConfig.producerPrefix("batch.size"), Integer.toString(256 * 1024));
    // The emit punctuation runs between polls: a short poll keeps it on time when input is idle.
    p.put(StreamsConfig.POLL_MS_CONFIG, "20");
    // A task with several input partitions takes the record with the oldest timestamp next, and with 0
    // it waits for a fetch of a partition known to hold more (never longer): the intake task reads every
    // change topic in the order the connector wrote them, so the snapshot's first tables reach their
    // indexes first (docs/decisions/0130-capture-ordered-intake.md), and an assembling task applies its
    // relations' changes in that order too. -1 (disabled) took every table's backlog round-robin.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
    // Capture, assembling and sink tasks are independent sub-topologies: two threads use two cores.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // The sink waits (instead of buffering) while the search engine is down; a 30-minute poll
    // interval keeps such an outage from also causing a rebalance.
    p.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), Integer.toString(30 * 60 * 1000));
    // ...and the consumer keeps its coordinator connection open at least as long.
    p.put(StreamsConfig.consumerPrefix("connections.max.idle.ms"), Integer.toString(31 * 60 * 1000));
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    // The partition assignor builds a StreamsConfig of its own from the main consumer's settings, which
    // leave the key above out, and warned once per stream thread that the handler is off: give it there too.
    p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
    // Undecodable change events go to the dead-letter topic; processing goes on.
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, "dev.denorm.deadletter.DeadLetterHandler");
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, "dev.denorm.deadletter.DeadLetterHandler");
    // A document or routing record over max.request.size goes there too, instead of stopping the thread.
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, "dev.denorm.deadletter.ProductionDeadLetterHandler");
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, TopologySettings.defaults().deadLetterTopic());
    // One block cache and one write buffer manager for all stores: off-heap memory stays bounded.
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "dev.denorm.state.BoundedRocksDbMemory");
    return p;
  }
}
