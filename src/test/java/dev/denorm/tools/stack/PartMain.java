package dev.denorm.tools.stack;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * One part of the stack in a JVM of its own, for the fault run: {@code postgres DIR PORT},
 * {@code kafka DIR PORT CONTROLLER_PORT}, {@code connect - PORT BOOTSTRAP} or {@code search DIR PORT}.
 * Prints {@code READY <endpoint>} once it serves, then runs until the JVM is stopped (SIGTERM stops
 * the part cleanly; SIGKILL and SIGSTOP are the faults).
 */
public final class PartMain {

  private PartMain() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    Path dir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    AutoCloseable part;
    String endpoint;
    switch (kind) {
      case "postgres" -> {
        // zonky's steps and the server's own output in the part's log: why a start was slow or failed
        Configurator.setLevel("io.zonky", Level.INFO);
        var pg = LocalPostgres.start(port, Optional.of(dir));
        part = pg;
        endpoint = pg.jdbcUrl();
      }
      case "kafka" -> {
        var kafka = LocalKafka.start(port, Integer.parseInt(args[3]), dir);
        part = kafka;
        endpoint = kafka.bootstrapServers();
      }
      case "connect" -> {
        var connect = LocalConnect.start(args[3], port);
        part = connect;
        endpoint = connect.restUrl();
      }
      case "search" -> {
        var search = LocalSearch.start(port, dir);
        part = search;
        endpoint = search.url();
      }
      default -> throw new IllegalArgumentException("unknown part " + kind);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("stopping " + kind + " failed: " + e);
      }
    }, "part-stop"));
    System.out.println("READY " + endpoint);
    System.out.flush();
    Thread.currentThread().join();
  }
}
