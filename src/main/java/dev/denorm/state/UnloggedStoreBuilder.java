package dev.denorm.state;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a store that keeps nothing to restore (a hook or a counter of the task), so it is never
 * logged and never cached; asking for a changelog is a programming error.
 */
public final class UnloggedStoreBuilder<T extends StateStore> implements StoreBuilder<T> {

  private final String name;
  private final Supplier<T> factory;

  public UnloggedStoreBuilder(String name, Supplier<T> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public StoreBuilder<T> withCachingEnabled() {
    return this;
  }

  @Override
  public StoreBuilder<T> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
    throw new UnsupportedOperationException("store " + name + " holds nothing to log");
  }

  @Override
  public StoreBuilder<T> withLoggingDisabled() {
    return this;
  }

  @Override
  public T build() {
    return factory.get();
  }

  @Override
  public Map<String, String> logConfig() {
    return Map.of();
  }

  @Override
  public boolean loggingEnabled() {
    return false;
  }

  @Override
  public String name() {
    return name;
  }
}
