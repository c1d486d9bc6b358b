package io.ftjvm.replayer.cli;

/** A one-line progress indicator on stderr, shown only when a person is watching a terminal. */
final class Progress {
  private final String what;
  private final boolean shown = Installation.interactive();
  private long lastDraw;

  Progress(String what) {
    this.what = what;
  }

  void update(long done, long total) {
    if (!shown) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && done < total) {
      return;
    }
    lastDraw = now;
    int percent = total <= 0 ? 100 : (int) (100 * done / total);
    System.err.print("\r" + what + ": " + percent + "% (" + done + "/" + total + ")   ");
    if (done >= total) {
      System.err.print("\r" + " ".repeat(what.length() + 30) + "\r");
    }
  }
}
