package io.ftjvm.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One connection to the test-apps KeyValueServer (one request line, one response line). */
final class KvConnection implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final Writer out;

  KvConnection(int port, int timeoutMillis) throws IOException {
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.setTcpNoDelay(true);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out =
          new BufferedWriter(
              new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  String call(String request) throws IOException {
    out.write(request);
    out.write('\n');
    out.flush();
    String response = in.readLine();
    if (response == null) {
      throw new EOFException("the server closed the connection");
    }
    return response;
  }

  /** A PUT that must be acknowledged; returns the key's new version. */
  long put(String key, String value) throws IOException {
    String response = call("PUT " + key + " " + value);
    if (!response.startsWith("OK ")) {
      throw new IOException("PUT " + key + " answered: " + response);
    }
    return Long.parseLong(response.substring(3).trim());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
