package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriuLocatorTest {

  @TempDir Path tmp;

  /**
   * A fake criu: {@code --version} prints {@code version}; {@code check} prints checkOutput, exits
   * checkStatus.
   */
  private Path fakeCriu(Path dir, String version, String checkOutput, int checkStatus)
      throws Exception {
    Files.createDirectories(dir);
    Path script = dir.resolve("criu");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "case \"$1\" in\n"
            + "  --version) printf 'Version: "
            + version
            + "\\n' ;;\n"
            + "  check) printf '%s\\n' '"
            + checkOutput.replace("'", "")
            + "' >&2; exit "
            + checkStatus
            + " ;;\n"
            + "  *) exit 2 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private CriuLocator locatorWithout(Path repo) {
    return CriuLocator.of(repo).withSearchPath(List.of(tmp.resolve("empty-path")));
  }

  @Test
  void refusesACriuWhoseCheckFailsQuotingTheCheckOutput() throws Exception {
    Path criu =
        fakeCriu(
            tmp.resolve("bin"),
            "4.2.1",
            "Error (criu/vdso.c:241): vdso: Unexpected rt vDSO area bounds",
            1);
    CriuLocator locator = locatorWithout(null).withConfigured(criu, null);
    CriuUnavailableException e = assertThrows(CriuUnavailableException.class, locator::locate);
    assertFalse(e.notFound());
    String m = e.getMessage();
    assertTrue(m.contains(criu.toString()), m);
    assertTrue(m.contains("`criu check` exited with status 1"), m);
    assertTrue(m.contains("    Error (criu/vdso.c:241): vdso: Unexpected rt vDSO area bounds"), m);
  }

  @Test
  void refusesASystemCriuThatIsTooOld() throws Exception {
    Path bin = tmp.resolve("sbin");
    fakeCriu(bin, "3.17.1", "Looks good.", 0);
    CriuLocator locator = CriuLocator.of(null).withSearchPath(List.of(tmp.resolve("nothing"), bin));
    CriuUnavailableException e = assertThrows(CriuUnavailableException.class, locator::locate);
    assertFalse(e.notFound());
    assertTrue(e.getMessage().contains("is version 3.17.1; FT-JVM needs >= 4.2"), e.getMessage());
    assertTrue(e.getMessage().contains("provision-criu.sh"), e.getMessage());
  }

  @Test
  void acceptsAWorkingCriu() throws Exception {
    Path bin = tmp.resolve("sbin");
    Path criu = fakeCriu(bin, "4.10.0", "Looks good.", 0);
    Path lib = Files.createFile(tmp.resolve("libcriu.so.2"));
    CriuInstallation found =
        CriuLocator.of(null).withSearchPath(List.of(bin)).withConfigured(null, lib).locate();
    assertEquals(criu, found.binary());
    assertEquals("4.10.0", found.version());
    assertEquals("system", found.source());
    assertEquals("Looks good.", found.checkOutput());
    assertEquals(lib, found.libcriu());
  }

  @Test
  void prefersTheProvisionedCriuAndReadsItsProperties() throws Exception {
    Path repo = tmp.resolve("repo");
    Path dir = repo.resolve(CriuLocator.PROVISIONED_DIR);
    Path criu = fakeCriu(dir.resolve("bin"), "4.2.1", "Looks good.", 0);
    Path lib = dir.resolve("root/usr/lib/x86_64-linux-gnu/libcriu.so.2");
    Files.createDirectories(lib.getParent());
    Files.createFile(lib);
    Files.writeString(
        dir.resolve("criu.properties"),
        "source=private\nbinary=" + criu + "\nlibcriu=" + lib + "\n");
    Path systemBin = tmp.resolve("sbin");
    fakeCriu(systemBin, "4.3", "Looks good.", 0);
    CriuInstallation found = CriuLocator.of(repo).withSearchPath(List.of(systemBin)).locate();
    assertEquals(criu, found.binary());
    assertEquals("provisioned", found.source());
    assertEquals(lib, found.libcriu());
  }

  @Test
  void refusesAnUnfinishedProvisioning() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve(CriuLocator.PROVISIONED_DIR));
    CriuUnavailableException e =
        assertThrows(CriuUnavailableException.class, locatorWithout(repo)::locate);
    assertFalse(e.notFound());
    assertTrue(e.getMessage().contains("provisioning did not finish"), e.getMessage());
  }

  @Test
  void saysSoWhenThereIsNoCriuAtAll() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    CriuLocator locator = locatorWithout(repo);
    assertFalse(locator.provisioned());
    CriuUnavailableException e = assertThrows(CriuUnavailableException.class, locator::locate);
    assertTrue(e.notFound());
    assertTrue(e.getMessage().contains("no CRIU found"), e.getMessage());
    assertTrue(
        e.getMessage().contains("checkpoint-criu/provision/provision-criu.sh"), e.getMessage());
  }

  @Test
  void theEngineRefusesAnInstallationWithoutLibcriu() throws Exception {
    CriuInstallation noLib = new CriuInstallation(tmp.resolve("criu"), null, "4.2.1", "test", "");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CriuCheckpointEngine(noLib));
    assertTrue(e.getMessage().contains("no libcriu.so.2"), e.getMessage());
  }

  @Test
  void comparesVersionsNumerically() {
    assertTrue(CriuVersion.compare("4.10", "4.2") > 0);
    assertTrue(CriuVersion.compare("4.2", "4.2.0") == 0);
    assertTrue(CriuVersion.compare("4.1.1", "4.2") < 0);
    assertEquals("4.2.1", CriuVersion.parse("Version: 4.2.1\nGitID: v4.2.1\n"));
  }
}
