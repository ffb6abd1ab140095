package dev.denorm.state;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * A state store that holds nothing to restore, used for the hooks Kafka Streams calls on its
 * stores (before and after a commit). Built with {@link UnloggedStoreBuilder}.
 */
public abstract class HollowStore implements StateStore {

  private final String name;
  private boolean open;

  protected HollowStore(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
