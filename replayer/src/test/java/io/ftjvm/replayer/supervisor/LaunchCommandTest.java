package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {

  private static LaunchCommand launch(List<String> command, int javaVersion, List<String> options) {
    return new LaunchCommand(
        command,
        javaVersion,
        Path.of("/opt/ftjvm/agent.jar"),
        StateDir.of(Path.of("/tmp/kv")),
        Path.of("/opt/criu/bin/criu"),
        Path.of("/opt/criu/libcriu.so.2"),
        options);
  }

  @Test
  void java17GetsEverythingButNativeAccessAndOurOptionsComeBeforeTheUsers() {
    List<String> argv =
        launch(
                List.of("java", "-Xmx64m", "-cp", "app.jar", "Main", "a"),
                17,
                List.of("keepCheckpoints=2"))
            .argv();
    assertEquals(
        List.of(
            "setsid",
            "java",
            "-XX:-UsePerfData",
            "-Dftjvm.criu=/opt/criu/bin/criu",
            "-Dftjvm.libcriu=/opt/criu/libcriu.so.2",
            "-javaagent:/opt/ftjvm/agent.jar=mode=ft,state=/tmp/kv,keepCheckpoints=2",
            "-Xmx64m",
            "-cp",
            "app.jar",
            "Main",
            "a"),
        argv);
  }

  @Test
  void java22AndLaterGetNativeAccessForJna() {
    List<String> argv = launch(List.of("/jdk/bin/java", "-jar", "app.jar"), 25, List.of()).argv();
    assertEquals("/jdk/bin/java", argv.get(1));
    assertEquals("--enable-native-access=ALL-UNNAMED", argv.get(3));
  }

  @Test
  void jfrIsRefusedWithTheReason() {
    Refusal e =
        assertThrows(
            Refusal.class,
            () ->
                LaunchCommand.validate(
                    List.of("java", "-XX:StartFlightRecording=duration=30s", "Main")));
    assertTrue(e.getMessage().contains("JFR"), e.getMessage());
    assertTrue(e.getMessage().contains("-XX:StartFlightRecording=duration=30s"), e.getMessage());
  }

  @Test
  void usePerfDataIsRefused() {
    Refusal e =
        assertThrows(
            Refusal.class,
            () -> LaunchCommand.validate(List.of("java", "-XX:+UsePerfData", "-jar", "a.jar")));
    assertTrue(e.getMessage().contains("hsperfdata"), e.getMessage());
  }

  @Test
  void theApplicationsOwnArgumentsAreNotJudged() {
    LaunchCommand.validate(
        List.of("java", "-cp", "-XX:+UsePerfData", "Main", "-XX:StartFlightRecording"));
    LaunchCommand.validate(List.of("java", "-jar", "app.jar", "-XX:+UsePerfData"));
  }

  @Test
  void aCommandThatIsNotJavaIsRefused() {
    Refusal e =
        assertThrows(Refusal.class, () -> LaunchCommand.validate(List.of("python3", "x.py")));
    assertTrue(e.getMessage().contains("'python3'"), e.getMessage());
  }

  @Test
  void aStatePathWithACommaOrABadOptionIsRefused() {
    LaunchCommand comma =
        new LaunchCommand(
            List.of("java", "Main"),
            17,
            Path.of("/a.jar"),
            StateDir.of(Path.of("/tmp/a,b")),
            Path.of("/criu"),
            Path.of("/lib"),
            List.of());
    assertThrows(Refusal.class, comma::agentArguments);
    assertThrows(
        Refusal.class, () -> launch(List.of("java", "Main"), 17, List.of("novalue")).argv());
  }

  @Test
  void jvmOptionsStopAtTheMainClassJarOrModule() {
    assertEquals(
        List.of("-cp", "x", "-Dk=v"),
        JvmOptions.of(List.of("-cp", "x", "-Dk=v", "Main", "-Xmx1g")));
    assertEquals(List.of("-Xss1m"), JvmOptions.of(List.of("-Xss1m", "-jar", "a.jar", "-Xmx1g")));
    assertEquals(List.of(), JvmOptions.of(List.of("-m", "mod/Main")));
    assertFalse(
        JvmOptions.of(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "M"))
            .contains("M"));
  }

  @Test
  void javaVersionOutputIsParsed() {
    assertEquals(
        17,
        JavaVersion.parse(
            "openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime Environment", "java"));
    assertEquals(25, JavaVersion.parse("openjdk version \"25\" 2025-09-16", "java"));
    assertEquals(22, JavaVersion.parse("openjdk version \"22-ea\" 2024-03-19", "java"));
    assertEquals(8, JavaVersion.parse("java version \"1.8.0_402\"", "java"));
    assertThrows(Refusal.class, () -> JavaVersion.parse("command not found", "java"));
  }

  @Test
  void theRunningJavaReportsItsOwnVersion() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertEquals(Runtime.version().feature(), JavaVersion.of(java));
  }
}
