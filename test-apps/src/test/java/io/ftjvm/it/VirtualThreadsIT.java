package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual threads (Java 21+) are refused with a clear message, never recorded or replayed wrongly.
 * On Java 17 there are none to refuse; the CI's Java 25 pass runs this test.
 */
class VirtualThreadsIT {
  @TempDir Path work;

  @Test
  void aProgramThatStartsAVirtualThreadIsRefusedClearly() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 21,
        "virtual threads exist from Java 21 on; this JVM is " + Runtime.version());
    Ftjvm.Result result =
        Ftjvm.ftjvm(
                work,
                Map.of(),
                Ftjvm.record(
                    work.resolve("rec"),
                    Ftjvm.java("io.ftjvm.testapps.concurrent.VirtualThreadsApp")))
            .expectStatus(2);
    assertTrue(result.stderr().contains("virtual threads are not supported"), result.stderr());
    assertTrue(!result.stdout().contains("hello from a virtual thread"), result.stdout());
  }
}
