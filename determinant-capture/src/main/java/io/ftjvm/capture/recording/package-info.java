/**
 * Recording directories: {@link io.ftjvm.capture.recording.RecordingWriter} and its lock-free
 * per-thread {@link io.ftjvm.capture.recording.ThreadStreamWriter} (inside the recorded JVM),
 * {@link io.ftjvm.capture.recording.Recording} and {@link
 * io.ftjvm.capture.recording.ThreadStreamReader} (replayer, CLI). The byte-level format, the
 * crash-recovery rule and the error messages are specified in docs/recording-format.md.
 */
package io.ftjvm.capture.recording;
