package dev.denorm.app;

/**
 * A command cannot do its work with this configuration or this jar (an unreachable database or
 * engine, a part with no endpoint and no embedded stack to start it): exit 2 with this one line.
 */
final class Unusable extends RuntimeException {

  Unusable(String message) {
    super(message);
  }
}
