package io.ftjvm.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;

/**
 * The application of {@link CriuRealCheckpointTest}, run in its own JVM: counts, checkpoints itself
 * with {@link CriuCheckpointEngine} at {@code checkpointAt}, keeps counting, and when it finds
 * itself restored counts {@code afterRestore} more and exits.
 *
 * <p>It holds a listening TCP socket and an established loopback connection across the checkpoint:
 * after a restore the listener must accept again and the old connection must come back closed
 * (CRIU's tcp-close), which is what the agent's channels will rely on.
 *
 * <p>Arguments: imageDir criuBinary libcriu checkpointAt afterRestore. Output lines: {@code count
 * N}, {@code CHECKPOINTED ...}, {@code RESTORED ...}, {@code SOCKETS ...}, {@code DONE ...}.
 */
public final class CriuCheckpointChild {

  private CriuCheckpointChild() {}

  public static void main(String[] args) throws Exception {
    Path imageDir = Path.of(args[0]);
    CriuInstallation criu =
        new CriuInstallation(Path.of(args[1]), Path.of(args[2]), "?", "test", "");
    long checkpointAt = Long.parseLong(args[3]);
    long afterRestore = Long.parseLong(args[4]);
    CriuCheckpointEngine engine = new CriuCheckpointEngine(criu);
    int pid = LibC.get().getpid();
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    Socket server = listener.accept();
    client.getOutputStream().write(42);
    if (server.getInputStream().read() != 42) {
      throw new IllegalStateException("loopback connection broken before the checkpoint");
    }
    long stopAt = Long.MAX_VALUE;
    for (long counter = 1; ; counter++) {
      System.out.println("count " + counter);
      if (counter == checkpointAt) {
        CheckpointResult r = engine.checkpoint(imageDir);
        if (r.isOriginal()) {
          System.out.println(
              "CHECKPOINTED pid="
                  + pid
                  + " counter="
                  + counter
                  + " dump_ms="
                  + r.dumpDuration().toNanos() / 1e6
                  + " image_bytes="
                  + r.imageSizeBytes()
                  + " zombies="
                  + zombieChildren());
        } else {
          System.out.println(
              "RESTORED pid="
                  + LibC.get().getpid()
                  + " counter="
                  + counter
                  + " restored_at_ms="
                  + System.currentTimeMillis()
                  + " zombies="
                  + zombieChildren());
          System.out.println(
              "SOCKETS listener=" + listenerAccepts(listener) + " old=" + oldConnection(server));
          stopAt = counter + afterRestore;
        }
      }
      if (counter == stopAt) {
        System.out.println("DONE counter=" + counter);
        System.exit(0);
      }
      if (counter > checkpointAt + 3000) {
        System.out.println("GIVING UP: nobody killed the original");
        System.exit(3);
      }
      Thread.sleep(20);
    }
  }

  private static String listenerAccepts(ServerSocket listener) {
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket s = listener.accept()) {
      c.getOutputStream().write(7);
      return s.getInputStream().read() == 7 ? "accepts" : "garbled";
    } catch (IOException e) {
      return "broken(" + e + ")";
    }
  }

  private static String oldConnection(Socket server) {
    try {
      server.setSoTimeout(10_000);
      InputStream in = server.getInputStream();
      int b = in.read();
      return b < 0 ? "closed(eof)" : "open(read " + b + ")";
    } catch (SocketTimeoutException e) {
      return "open(no data)";
    } catch (IOException e) {
      return "closed(" + e.getClass().getSimpleName() + ")";
    }
  }

  private static long zombieChildren() {
    ChildReaper reaper = new ChildReaper(LibC.get());
    return reaper.children().stream()
        .filter(p -> ProcStatus.read(p).map(s -> s.state() == 'Z').orElse(false))
        .count();
  }
}
