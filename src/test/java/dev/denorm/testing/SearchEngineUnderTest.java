package dev.denorm.testing;

/** A real search engine started by a test; {@link #close()} stops it and deletes its files. */
public interface SearchEngineUnderTest extends AutoCloseable {

  /** The HTTP URL, e.g. http://127.0.0.1:41234. */
  String url();

  /** A short name for test output: "OpenSearch 3.8.0", "Elasticsearch 9.5.3". */
  String description();

  /** Whether ingest pipelines work (the module-less Elasticsearch node lacks them). */
  boolean hasIngestPipelines();

  @Override
  void close();
}
