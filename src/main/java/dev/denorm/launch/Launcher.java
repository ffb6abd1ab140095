package dev.denorm.launch;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of both runnable jars (-all and -app), compiled for Java 8 (the one class that
 * is) so that any {@code java} can run it: on Java 21 or newer it runs {@code dev.denorm.app.Main}
 * in this JVM; on an older one it looks for a 21+ JDK ({@code DENORM_JAVA_HOME}, {@code JAVA_HOME},
 * the usual install folders) and runs the jar with it, passing the JVM options and arguments on; if
 * there is none it says which Java it needs, which one this is and where it looked, and exits with 2.
 */
public final class Launcher {

  static final int NEEDED = 21;
  private static final String MAIN = "dev.denorm.app.Main";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    int running = feature(System.getProperty("java.specification.version"));
    if (running >= NEEDED) {
      Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
      return;
    }
    List<File> looked = new ArrayList<File>();
    File java = find(looked);
    if (java == null) {
      System.err.println("denorm needs Java " + NEEDED + " or newer; this is Java " + running + " ("
          + System.getProperty("java.home") + "). Looked for one in: " + describe(looked)
          + ". Install a JDK " + NEEDED + "+ (e.g. Temurin) or point DENORM_JAVA_HOME at one.");
      System.exit(2);
    }
    System.err.println("denorm: this is Java " + running + "; running with " + java);
    System.exit(relaunch(java, args));
  }

  private static int relaunch(File java, String[] args) throws Exception {
    List<String> command = new ArrayList<String>();
    command.add(java.getPath());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN);
    command.addAll(Arrays.asList(args));
    final Process child = new ProcessBuilder(command).inheritIO().start();
    // SIGTERM or Ctrl-C here stops the child the same way, and waits for its graceful stop
    Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
      @Override
      public void run() {
        child.destroy();
        try {
          child.waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
    return child.waitFor();
  }

  /** The java of the first JDK 21+ found, or null; every folder tried goes into {@code looked}. */
  static File find(List<File> looked) {
    List<File> homes = new ArrayList<File>();
    for (String variable : new String[] {"DENORM_JAVA_HOME", "JAVA_HOME"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isEmpty()) {
        homes.add(new File(value));
      } else {
        looked.add(new File("$" + variable + " (not set)"));
      }
    }
    for (String parent : searchFolders()) {
      File[] children = new File(parent).listFiles();
      if (children != null) {
        Arrays.sort(children);
        for (File child : children) {
          homes.add(new File(child, "Contents/Home").isDirectory() ? new File(child, "Contents/Home") : child);
        }
      } else {
        looked.add(new File(parent));
      }
    }
    File best = null;
    int bestFeature = 0;
    for (File home : homes) {
      looked.add(home);
      File java = new File(home, "bin/java");
      int feature = releaseFeature(new File(home, "release"));
      if (java.canExecute() && feature >= NEEDED && feature > bestFeature) {
        best = java;
        bestFeature = feature;
      }
    }
    return best;
  }

  /** Where JDKs are usually installed; {@code -Ddenorm.java.search=dir1,dir2} replaces the list. */
  private static String[] searchFolders() {
    String configured = System.getProperty("denorm.java.search");
    if (configured != null) {
      return configured.isEmpty() ? new String[0] : configured.split(",");
    }
    String user = System.getProperty("user.home");
    return new String[] {"/usr/lib/jvm", "/usr/java", "/opt/java", "/opt", "/Library/Java/JavaVirtualMachines",
        user + "/.sdkman/candidates/java", user + "/.jdks"};
  }

  /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="21.0.2"}), 0 if none. */
  static int releaseFeature(File release) {
    if (!release.isFile()) {
      return 0;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(release), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("JAVA_VERSION=")) {
          return feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  /** 17 for "17", "17.0.2" or "17-ea"; 8 for "1.8.0_392". */
  static int feature(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }

  private static String describe(List<File> looked) {
    StringBuilder out = new StringBuilder();
    for (File f : looked) {
      out.append(out.length() == 0 ? "" : ", ").append(f.getPath());
    }
    return out.toString();
  }
}
