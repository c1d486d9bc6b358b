/**
 * The determinant model: {@link io.ftjvm.capture.model.EventType} (whose codes are part of the
 * on-disk format) and {@link io.ftjvm.capture.model.Determinant} (one event as read back).
 */
package io.ftjvm.capture.model;
