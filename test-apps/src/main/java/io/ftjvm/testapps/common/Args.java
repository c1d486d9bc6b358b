package io.ftjvm.testapps.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal, deterministic command-line parsing shared by the test applications (JDK only, so the
 * apps stay "unmodified user programs"). Flags are {@code --name value}; anything not starting with
 * {@code --} is positional. {@code -h}/{@code --help} prints the usage to stdout and exits 0; any
 * mistake prints {@code error: <what>} and the usage to stderr and exits 2.
 */
public final class Args {
  private final String usage;
  private final Map<String, String> flags = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Args(String usage) {
    this.usage = usage;
  }

  /**
   * @param known the accepted flag names, without the leading dashes
   */
  public static Args parse(String[] argv, String usage, Set<String> known, int maxPositionals) {
    Args args = new Args(usage);
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println(usage);
        System.exit(0);
      }
      if (a.startsWith("--")) {
        String name = a.substring(2);
        if (!known.contains(name)) {
          args.fail("unknown option " + a);
        }
        if (i + 1 >= argv.length) {
          args.fail("option " + a + " needs a value");
        }
        if (args.flags.put(name, argv[++i]) != null) {
          args.fail("option " + a + " given twice");
        }
      } else {
        args.positionals.add(a);
      }
    }
    if (args.positionals.size() > maxPositionals) {
      args.fail("unexpected argument " + args.positionals.get(maxPositionals));
    }
    return args;
  }

  public boolean has(String name) {
    return flags.containsKey(name);
  }

  public String string(String name, String defaultValue) {
    return flags.getOrDefault(name, defaultValue);
  }

  public String required(String name) {
    String v = flags.get(name);
    if (v == null) {
      fail("missing required option --" + name);
    }
    return v;
  }

  public int requiredInt(String name, long min, long max) {
    return toInt("--" + name, required(name), min, max);
  }

  public int intFlag(String name, int defaultValue, long min, long max) {
    String v = flags.get(name);
    return v == null ? defaultValue : toInt("--" + name, v, min, max);
  }

  /** The {@code index}-th positional argument as an int, or the default when it is absent. */
  public int intPositional(int index, String what, int defaultValue, long min, long max) {
    return index < positionals.size()
        ? toInt(what, positionals.get(index), min, max)
        : defaultValue;
  }

  private int toInt(String what, String text, long min, long max) {
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      fail(what + " must be an integer, got '" + text + "'");
      return 0;
    }
    if (v < min || v > max) {
      fail(what + " must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  /** Usage error: message and usage on stderr, exit status 2. Never returns. */
  public void fail(String message) {
    System.err.println("error: " + message);
    System.err.println(usage);
    System.exit(2);
  }
}
