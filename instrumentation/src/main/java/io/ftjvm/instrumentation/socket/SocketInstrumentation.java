package io.ftjvm.instrumentation.socket;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Socket input and connection events: java.net sockets (whose implementation is
 * sun.nio.ch.NioSocketImpl on Java 17 and later), NIO socket channels, and selectors.
 */
public final class SocketInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "socket";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    return java.util.List.of(
        "sun.nio.ch.NioSocketImpl",
        "sun.nio.ch.SocketChannelImpl",
        "sun.nio.ch.ServerSocketChannelImpl",
        "sun.nio.ch.SelectorImpl");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("sun.nio.ch.NioSocketImpl"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(ArrayReadAdvice.class)
                            .on(
                                named("read")
                                    .and(takesArguments(byte[].class, int.class, int.class))))
                    .visit(
                        Advices.to(ArrayWriteAdvice.class)
                            .on(
                                named("write")
                                    .and(takesArguments(byte[].class, int.class, int.class))))
                    .visit(
                        Advices.to(AcceptIntoAdvice.class)
                            .on(named("accept").and(takesArguments(1))))
                    .visit(
                        Advices.to(ConnectAdvice.class)
                            .on(
                                named("connect")
                                    .and(takesArguments(SocketAddress.class, int.class))))
                    .visit(
                        Advices.to(BindAdvice.class)
                            .on(named("bind").and(takesArguments(InetAddress.class, int.class))))
                    .visit(
                        Advices.to(AvailableAdvice.class)
                            .on(named("available").and(takesArguments(0)))))
        .type(named("sun.nio.ch.SocketChannelImpl"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(BufferReadAdvice.class)
                            .on(named("read").and(takesArguments(ByteBuffer.class))))
                    .visit(
                        Advices.to(BufferWriteAdvice.class)
                            .on(named("write").and(takesArguments(ByteBuffer.class))))
                    .visit(
                        Advices.to(ChannelConnectAdvice.class)
                            .on(named("connect").and(takesArguments(SocketAddress.class)))))
        .type(named("sun.nio.ch.ServerSocketChannelImpl"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(AcceptChannelAdvice.class)
                            .on(
                                named("accept")
                                    .and(takesArguments(0))
                                    .and(returns(named("java.nio.channels.SocketChannel")))))
                    .visit(
                        Advices.to(ChannelBindAdvice.class)
                            .on(
                                named("bind")
                                    .and(takesArguments(2))
                                    .and(takesArgument(0, SocketAddress.class)))))
        .type(named("sun.nio.ch.SelectorImpl"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(SelectAdvice.class)
                        .on(named("lockAndDoSelect").and(takesArguments(2)))));
  }
}
