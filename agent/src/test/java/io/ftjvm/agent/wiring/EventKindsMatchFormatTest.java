package io.ftjvm.agent.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ftjvm.bootstrap.EventKind;
import io.ftjvm.capture.model.EventType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The hooks name events by number; the numbers must be the recording format's type codes. */
class EventKindsMatchFormatTest {
  @Test
  void everyKindIsTheTypeCodeOfTheSameName() throws Exception {
    int kinds = 0;
    for (Field field : EventKind.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        EventType type = EventType.valueOf(field.getName());
        assertEquals(type.code(), field.getInt(null), field.getName());
        kinds++;
      }
    }
    assertEquals(EventType.values().length, kinds, "every event type has a hook kind");
  }
}
