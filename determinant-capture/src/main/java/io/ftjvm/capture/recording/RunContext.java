package io.ftjvm.capture.recording;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What was run: stored in {@code context.bin} when a recording starts. Strings may be null
 * (unknown); lists and maps are never null. Maps are kept sorted by key, so the file is the same
 * whatever order the caller supplied them in.
 */
public final class RunContext {
  private final int formatVersion;
  private final String javaVersion;
  private final String javaVendor;
  private final String javaHome;
  private final String mainClass;
  private final List<String> commandLine;
  private final List<String> appArguments;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final long startEpochMillis;
  private final String agentVersion;
  private final String mode;
  private final int processors;

  private RunContext(Builder b) {
    this.formatVersion = b.formatVersion;
    this.javaVersion = b.javaVersion;
    this.javaVendor = b.javaVendor;
    this.javaHome = b.javaHome;
    this.mainClass = b.mainClass;
    this.commandLine = Collections.unmodifiableList(new ArrayList<>(b.commandLine));
    this.appArguments = Collections.unmodifiableList(new ArrayList<>(b.appArguments));
    this.systemProperties = Collections.unmodifiableMap(new TreeMap<>(b.systemProperties));
    this.environment = Collections.unmodifiableMap(new TreeMap<>(b.environment));
    this.startEpochMillis = b.startEpochMillis;
    this.agentVersion = b.agentVersion;
    this.mode = b.mode;
    this.processors = b.processors;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Version of the recording format the file was written in (always the current one when writing).
   */
  public int formatVersion() {
    return formatVersion;
  }

  public String javaVersion() {
    return javaVersion;
  }

  public String javaVendor() {
    return javaVendor;
  }

  public String javaHome() {
    return javaHome;
  }

  public String mainClass() {
    return mainClass;
  }

  /** The JVM's full argv (executable first), as far as the OS reports it. */
  public List<String> commandLine() {
    return commandLine;
  }

  public List<String> appArguments() {
    return appArguments;
  }

  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public long startEpochMillis() {
    return startEpochMillis;
  }

  public String agentVersion() {
    return agentVersion;
  }

  /**
   * How many processors the recorded JVM saw ({@code Runtime.availableProcessors()}): the JDK sizes
   * its common pool by it and programs their own pools; 0 when the recording does not say (made
   * before it was kept).
   */
  public int processors() {
    return processors;
  }

  /** "record", "replay" or "ft" (free text for this module). */
  public String mode() {
    return mode;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunContext)) {
      return false;
    }
    RunContext c = (RunContext) o;
    return formatVersion == c.formatVersion
        && startEpochMillis == c.startEpochMillis
        && Objects.equals(javaVersion, c.javaVersion)
        && Objects.equals(javaVendor, c.javaVendor)
        && Objects.equals(javaHome, c.javaHome)
        && Objects.equals(mainClass, c.mainClass)
        && commandLine.equals(c.commandLine)
        && appArguments.equals(c.appArguments)
        && systemProperties.equals(c.systemProperties)
        && environment.equals(c.environment)
        && Objects.equals(agentVersion, c.agentVersion)
        && Objects.equals(mode, c.mode)
        && processors == c.processors;
  }

  @Override
  public int hashCode() {
    return Objects.hash(javaVersion, mainClass, commandLine, startEpochMillis, mode);
  }

  /** Short: the environment and properties can be large (and private). */
  @Override
  public String toString() {
    return "RunContext[format "
        + formatVersion
        + ", java "
        + javaVersion
        + " ("
        + javaVendor
        + "), main "
        + mainClass
        + ", args "
        + appArguments
        + ", mode "
        + mode
        + ", agent "
        + agentVersion
        + ", started "
        + startEpochMillis
        + ", "
        + processors
        + " processors, "
        + systemProperties.size()
        + " properties, "
        + environment.size()
        + " environment variables]";
  }

  public static final class Builder {
    private int formatVersion = Format.VERSION;
    private String javaVersion;
    private String javaVendor;
    private String javaHome;
    private String mainClass;
    private List<String> commandLine = List.of();
    private List<String> appArguments = List.of();
    private Map<String, String> systemProperties = Map.of();
    private Map<String, String> environment = Map.of();
    private long startEpochMillis;
    private String agentVersion;
    private String mode;
    private int processors;

    private Builder() {}

    /**
     * Fills the Java fields, the command line, system properties, environment and start time from
     * the running JVM (argv as far as the OS reports it). Note that the environment may hold
     * secrets; callers that must not store it can overwrite it with {@link #environment(Map)}.
     */
    public Builder fromCurrentJvm() {
      javaVersion = System.getProperty("java.version");
      javaVendor = System.getProperty("java.vendor");
      javaHome = System.getProperty("java.home");
      ProcessHandle.Info info = ProcessHandle.current().info();
      List<String> argv = new ArrayList<>();
      info.command().ifPresent(argv::add);
      info.arguments().ifPresent(a -> argv.addAll(List.of(a)));
      commandLine = argv;
      Map<String, String> props = new TreeMap<>();
      System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
      systemProperties = props;
      environment = System.getenv();
      processors = Runtime.getRuntime().availableProcessors();
      // java.base only (no java.management): the agent must not load MXBeans into the app.
      startEpochMillis =
          info.startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
      String command = System.getProperty("sun.java.command");
      if (mainClass == null && command != null && !command.isBlank()) {
        mainClass = command.split(" ", 2)[0];
      }
      return this;
    }

    Builder formatVersion(int v) {
      formatVersion = v;
      return this;
    }

    public Builder javaVersion(String v) {
      javaVersion = v;
      return this;
    }

    public Builder javaVendor(String v) {
      javaVendor = v;
      return this;
    }

    public Builder javaHome(String v) {
      javaHome = v;
      return this;
    }

    public Builder mainClass(String v) {
      mainClass = v;
      return this;
    }

    public Builder commandLine(List<String> v) {
      commandLine = List.copyOf(v);
      return this;
    }

    public Builder appArguments(List<String> v) {
      appArguments = List.copyOf(v);
      return this;
    }

    public Builder systemProperties(Map<String, String> v) {
      systemProperties = Map.copyOf(v);
      return this;
    }

    public Builder environment(Map<String, String> v) {
      environment = Map.copyOf(v);
      return this;
    }

    public Builder processors(int v) {
      processors = v;
      return this;
    }

    public Builder startEpochMillis(long v) {
      startEpochMillis = v;
      return this;
    }

    public Builder agentVersion(String v) {
      agentVersion = v;
      return this;
    }

    public Builder mode(String v) {
      mode = v;
      return this;
    }

    public RunContext build() {
      return new RunContext(this);
    }
  }
}
