package io.ftjvm.instrumentation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * The rewriting of the running JDK's condition class, read back: in each await method the entry
 * check of the flag and the cancelling step call the hooks, the loop's own reads of the flag stay,
 * and the signal's use of the same step is left alone.
 */
class ConditionCancelRewriterTest {
  private static final String CONDITION =
      "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";

  @Test
  void awaitMethodsCallTheHooksAndSignalIsLeftAlone() throws Exception {
    Map<String, List<String>> calls = callsByMethod(rewritten());
    for (String await : List.of("await()V", "awaitNanos(J)J", "awaitUntil", "await(J")) {
      List<String> seen = callsOf(calls, await);
      assertEquals(
          List.of(
              "ConditionWaits.interruptedOnEntry", "Thread.interrupted", "ConditionWaits.cancel"),
          seen,
          await + " calls, in order");
    }
    assertEquals(
        List.of("getAndUnsetStatus"), callsOf(calls, "doSignal"), "doSignal keeps the real step");
    assertEquals(
        List.of("Thread.interrupted"),
        callsOf(calls, "awaitUninterruptibly"),
        "awaitUninterruptibly is not rewritten");
  }

  private static byte[] rewritten() {
    ClassFileLocator jdk = ClassFileLocator.ForClassLoader.ofBootLoader();
    TypeDescription type = TypePool.Default.of(jdk).describe(CONDITION).resolve();
    return new ByteBuddy()
        .redefine(type, jdk)
        .visit(ConditionCancelRewriter.rewriting())
        .make()
        .getBytes();
  }

  /** The calls of interest in each method (name + descriptor), in code order. */
  private static Map<String, List<String>> callsByMethod(byte[] classFile) {
    Map<String, List<String>> calls = new TreeMap<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                List<String> list = new ArrayList<>();
                calls.put(name + descriptor, list);
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String method, String desc, boolean itf) {
                    if (owner.equals("io/ftjvm/bootstrap/ConditionWaits")) {
                      list.add("ConditionWaits." + method);
                    } else if (owner.equals("java/lang/Thread") && method.equals("interrupted")) {
                      list.add("Thread.interrupted");
                    } else if (method.equals("getAndUnsetStatus")) {
                      list.add("getAndUnsetStatus");
                    }
                  }
                };
              }
            },
            0);
    return calls;
  }

  private static List<String> callsOf(Map<String, List<String>> calls, String methodPrefix) {
    List<String> matching = new ArrayList<>();
    calls.forEach(
        (method, list) -> {
          if (method.startsWith(methodPrefix)) {
            matching.addAll(list);
          }
        });
    return matching;
  }
}
