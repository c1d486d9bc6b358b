package io.ftjvm.bench;

import java.util.Arrays;

/** Medians and percentiles of measured values. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** "median (min–max)", rounded to whole numbers. */
  static String spread(double[] values) {
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    return String.format("%.0f (%.0f–%.0f)", median(values), min, max);
  }

  /** The p-th percentile (0 < p <= 100) of values sorted ascending: nearest rank. */
  static long percentile(long[] sortedAscending, double p) {
    if (sortedAscending.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedAscending.length);
    return sortedAscending[Math.max(0, Math.min(sortedAscending.length - 1, rank - 1))];
  }
}
