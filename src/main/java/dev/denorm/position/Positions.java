package dev.denorm.position;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance knows of how far each stage has got: the capture sample its {@code
 * CapturePosition} read last, and per stage the positions its own tasks reached (intake per table
 * partition, assembly and sink per index partition). Tasks write, waiters read and are woken on each
 * change. One per instance, shared by its topology and its HTTP routes.
 */
public final class Positions {

  /** Nothing known, nothing sampled: a topology without capture positions sends no marks (tests). */
  public static Positions none() {
    return new Positions(false);
  }

  /** Positions a {@code CapturePosition} samples for: the topology sends marks. */
  public static Positions sampled() {
    return new Positions(true);
  }

  private final boolean tracked;
  private volatile CaptureSample capture;
  private volatile Runnable nudge = () -> {};
  private final AtomicInteger waiting = new AtomicInteger();
  private final ConcurrentMap<String, Long> intake = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Long> assembly = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> sinks = new ConcurrentHashMap<>();

  private Positions(boolean tracked) {
    this.tracked = tracked;
  }

  /** Whether the topology is to send marks: capture positions are sampled for it. */
  public boolean tracked() {
    return tracked;
  }

  public void capture(CaptureSample sample) {
    capture = sample;
    changed();
  }

  /** The last capture sample, or null before the first. */
  public CaptureSample capture() {
    return capture;
  }

  /** What asks PostgreSQL for a commit point past every waiter's position (see CapturePosition). */
  public void nudger(Runnable nudge) {
    this.nudge = nudge;
  }

  /**
   * Asks for a commit point, at most once per {@link #NUDGE_EVERY_MS} for the whole instance however
   * many wait: each one is a WAL record, a message Debezium sends and an offset Connect commits.
   */
  public void nudge() {
    long now = System.nanoTime();
    long last = lastNudge.get();
    if (now - last >= NUDGE_EVERY_MS * 1_000_000 && lastNudge.compareAndSet(last, now)) {
      nudge.run();
    }
  }

  /** The least time between two nudges of one instance. */
  static final long NUDGE_EVERY_MS = 200;
  private final AtomicLong lastNudge = new AtomicLong(System.nanoTime() - NUDGE_EVERY_MS * 1_000_000);

  /**
   * Whether this assembling task ({@code index/partition}) holds documents for the rest of their
   * transactions: while one does, the capture position is sampled often and PostgreSQL nudged.
   */
  public void holding(String task, boolean holds) {
    if (holds) {
      holding.add(task);
    } else {
      holding.remove(task);
    }
  }

  /** Whether a task of this instance holds documents for their transactions. */
  public boolean holding() {
    return !holding.isEmpty();
  }

  private final Set<String> holding = ConcurrentHashMap.newKeySet();

  /** How many waiters wait: while there are some, the capture position is sampled often. */
  public int waiting() {
    return waiting.get();
  }

  public void intake(String table, int partition, long position) {
    intake.merge(table + "/" + partition, position, Math::max);
  }

  public void assembly(String index, int partition, long position) {
    assembly.merge(index + "/" + partition, position, Math::max);
  }

  /** A task of the stage left this instance: what it reached is no longer this instance's to report. */
  public void gone(String stage, String name, int partition) {
    (stage.equals("intake") ? intake : assembly).remove(name + "/" + partition);
  }

  /** The sink task of this index partition has every document up to {@code position} acknowledged by the engine. */
  public void sink(String index, int partition, long position) {
    sinks.computeIfAbsent(index, name -> new ConcurrentHashMap<>()).merge(partition, position, Math::max);
    changed();
  }

  /** The sink task of this index partition left this instance: its position is no longer known here. */
  public void sinkGone(String index, int partition) {
    var partitions = sinks.get(index);
    if (partitions != null) {
      partitions.remove(partition);
    }
  }

  /** The position every one of the index's {@code partitions} sink tasks has reached here, or {@link Floor#UNKNOWN}. */
  public long sink(String index, int partitions) {
    var known = sinks.getOrDefault(index, new ConcurrentHashMap<>());
    long floor = Long.MAX_VALUE;
    for (int p = 0; p < partitions; p++) {
      Long position = known.get(p);
      if (position == null) {
        return Floor.UNKNOWN;
      }
      floor = Math.min(floor, position);
    }
    return partitions == 0 ? Floor.UNKNOWN : floor;
  }

  /** Per stage, the positions this instance's tasks reached, as LSN texts: what a wait that timed out reports. */
  public Map<String, Map<String, String>> report(String index) {
    var report = new TreeMap<String, Map<String, String>>();
    var sample = capture;
    report.put("capture", sample == null ? Map.of() : Map.of("connector", Lsn.format(sample.lsn())));
    report.put("intake", texts(intake, null));
    report.put("assembly", texts(assembly, index + "/"));
    var sink = new TreeMap<String, String>();
    sinks.getOrDefault(index, new ConcurrentHashMap<>()).forEach((p, v) -> sink.put(index + "/" + p, Lsn.format(v)));
    report.put("sink", sink);
    return report;
  }

  private static Map<String, String> texts(Map<String, Long> positions, String prefix) {
    var texts = new TreeMap<String, String>();
    positions.forEach((k, v) -> {
      if (prefix == null || k.startsWith(prefix)) {
        texts.put(k, Lsn.format(v));
      }
    });
    return texts;
  }

  void waiter(boolean starts) {
    if (starts) {
      waiting.incrementAndGet();
    } else {
      waiting.decrementAndGet();
    }
  }

  synchronized void await(long millis) throws InterruptedException {
    if (millis > 0) {
      wait(millis);
    }
  }

  private synchronized void changed() {
    notifyAll();
  }
}
