package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRequestTest {

  @TempDir Path tmp;

  /** Plays the agent: waits for one request and answers it the way the protocol says. */
  private static Thread fakeAgent(StateDir state, String answer, AtomicReference<String> seen) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (true) {
                  if (Files.isDirectory(state.control())) {
                    try (DirectoryStream<Path> ds =
                        Files.newDirectoryStream(state.control(), "*.request")) {
                      for (Path request : ds) {
                        String name = request.getFileName().toString();
                        String nonce = name.substring(0, name.length() - ".request".length());
                        seen.set(nonce);
                        Path tmp = state.control().resolve(nonce + ".done.tmp");
                        Files.writeString(tmp, answer + "\n");
                        Files.move(
                            tmp,
                            state.control().resolve(nonce + ".done"),
                            StandardCopyOption.ATOMIC_MOVE);
                        return;
                      }
                    }
                  }
                  Thread.sleep(5);
                }
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void theAgentsOkAnswerIsReturnedAndTheFilesAreCleanedUp() throws Exception {
    StateDir state = StateDir.of(tmp);
    AtomicReference<String> nonce = new AtomicReference<>();
    Thread agent = fakeAgent(state, "ok sequence=3 pause_ms=91 image_bytes=65536", nonce);

    CheckpointRequest.Answer a = CheckpointRequest.send(state, Duration.ofMinutes(5));
    agent.join();

    assertTrue(a.ok());
    assertTrue(a.answered());
    assertEquals("ok sequence=3 pause_ms=91 image_bytes=65536", a.line());
    assertTrue(nonce.get().matches("[0-9a-f]{16}"), nonce.get());
    try (var files = Files.list(state.control())) {
      assertEquals(0, files.count(), "request and answer are removed");
    }
  }

  @Test
  void aFailedAnswerIsNotOk() throws Exception {
    StateDir state = StateDir.of(tmp);
    Thread agent = fakeAgent(state, "failed criu_dump returned -52", new AtomicReference<>());

    CheckpointRequest.Answer a = CheckpointRequest.send(state, Duration.ofMinutes(5));
    agent.join();

    assertFalse(a.ok());
    assertTrue(a.answered());
    assertEquals("failed criu_dump returned -52", a.line());
  }

  @Test
  void noAgentMeansATimeoutThatSaysSoAndWithdrawsTheRequest() throws Exception {
    StateDir state = StateDir.of(tmp);

    CheckpointRequest.Answer a = CheckpointRequest.send(state, Duration.ZERO);

    assertFalse(a.ok());
    assertFalse(a.answered());
    assertTrue(a.line().contains("the agent did not answer"), a.line());
    assertTrue(a.line().contains("ft mode"), a.line());
    try (var files = Files.list(state.control())) {
      assertEquals(0, files.count(), "the request is withdrawn");
    }
  }
}
