package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLeaderTest {

  @Test
  void readsTheSessionFieldEvenWhenTheCommandNameHasSpacesAndParentheses() {
    assertEquals(4242, SessionLeader.sessionId("17 (java) S 1 17 4242 0 -1 4194560 100"));
    assertEquals(9, SessionLeader.sessionId("17 (a (b) c) R 1 2 9 0 -1"));
  }

  @Test
  void refusesGarbage() {
    assertThrows(IllegalArgumentException.class, () -> SessionLeader.sessionId("no parens"));
    assertThrows(IllegalArgumentException.class, () -> SessionLeader.sessionId("1 (x) S 1"));
  }

  @Test
  void sessionZeroIsExplainedNamingTheFileAndTheCure(@TempDir Path tmp) throws Exception {
    Path stat = tmp.resolve("stat");
    Files.writeString(stat, "93 (java) S 0 0 0 0 -1 4194560\n");
    String hint = SessionLeader.outsideNamespaceHint(stat).orElseThrow();
    assertTrue(hint.contains(stat + " reports session 0"), hint);
    assertTrue(hint.contains("setsid java"), hint);
  }

  @Test
  void aVisibleSessionOrNoProcGivesNoHint(@TempDir Path tmp) throws Exception {
    Path stat = tmp.resolve("stat");
    Files.writeString(stat, "93 (java) S 1 93 93 0 -1 4194560\n");
    assertEquals(Optional.empty(), SessionLeader.outsideNamespaceHint(stat));
    assertEquals(Optional.empty(), SessionLeader.outsideNamespaceHint(tmp.resolve("missing")));
  }
}
