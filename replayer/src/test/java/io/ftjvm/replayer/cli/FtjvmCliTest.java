package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Only the invoked subcommand is registered, yet the help lists every one and {@code help X} finds
 * X.
 */
class FtjvmCliTest {

  private static String stdoutOf(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, FtjvmCli.run(args));
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theInvokedSubcommandAloneIsRegistered() {
    assertEquals(List.of(ReplayCommand.class), FtjvmCli.registered("replay", "--repeat", "2"));
    assertEquals(List.of(StatusCommand.class), FtjvmCli.registered("status", "dir"));
  }

  @Test
  void everyOtherFirstArgumentRegistersThemAll() {
    assertEquals(9, FtjvmCli.registered().size());
    assertEquals(9, FtjvmCli.registered("--help").size());
    assertEquals(9, FtjvmCli.registered("help", "replay").size());
    assertEquals(9, FtjvmCli.registered("recrod").size());
  }

  @Test
  void theTopLevelHelpListsEverySubcommand() {
    String help = stdoutOf("--help");
    String commands = help.substring(help.indexOf("Commands:"));
    for (String name :
        List.of(
            "record",
            "replay",
            "inspect",
            "demo",
            "run",
            "restore",
            "status",
            "checkpoint",
            "help")) {
      assertTrue(commands.contains("\n  " + name + " "), name + " missing from:\n" + commands);
    }
  }

  @Test
  void helpWithANameShowsThatCommandsUsage() {
    assertTrue(stdoutOf("help", "replay").contains("Usage: ftjvm replay"));
  }

  @Test
  void aMistypedCommandIsRefusedWithTheNearestName() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = FtjvmCli.run("recrod");
    } finally {
      System.setErr(original);
    }
    assertEquals(CommandLine.ExitCode.USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("record"), err.toString());
  }
}
