package dev.denorm.sink;

import dev.denorm.testing.ElasticsearchNode;
import dev.denorm.testing.SearchEngineUnderTest;

/**
 * The sink against a real Elasticsearch 9.5.3 node in a child JVM. That node has no
 * mapper-extras module, so decimals are mapped as double here (the sink detects it), and no
 * ingest module, so the pipeline test runs on OpenSearch only.
 */
class ElasticsearchSinkIT extends SinkContract {

  @Override
  protected SearchEngineUnderTest startEngine() throws Exception {
    return ElasticsearchNode.start(ENGINE_SETTINGS);
  }
}
