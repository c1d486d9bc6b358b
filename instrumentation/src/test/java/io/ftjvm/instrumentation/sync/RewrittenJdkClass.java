package io.ftjvm.instrumentation.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * A class of the running JDK passed through a rewriting, and read back as the calls of interest in
 * each of its methods: tests of rewriters check what the agent would install, on Java 17 and 25.
 */
final class RewrittenJdkClass {
  /** Names a call of interest ({@code owner} in internal form), or null to leave it out. */
  interface CallLabel {
    String label(String owner, String method);
  }

  private final Map<String, List<String>> calls = new TreeMap<>();

  RewrittenJdkClass(String className, AsmVisitorWrapper rewriting, CallLabel labels) {
    ClassFileLocator jdk = ClassFileLocator.ForClassLoader.ofBootLoader();
    TypeDescription type = TypePool.Default.of(jdk).describe(className).resolve();
    byte[] classFile = new ByteBuddy().redefine(type, jdk).visit(rewriting).make().getBytes();
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
                    String label = labels.label(owner, method);
                    if (label != null) {
                      list.add(label);
                    }
                  }
                };
              }
            },
            0);
  }

  /** The labelled calls, in code order, of the methods whose name + descriptor start so. */
  List<String> callsOf(String methodPrefix) {
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
