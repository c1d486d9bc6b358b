package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A skip list's submaps and views are ordered on the map underneath, whichever object the call went
 * through. A handler that notes which objects calls are ordered on stands in for the recorder.
 */
class SkipListsTest {
  private final List<Object> orderedOn = new ArrayList<>();
  private final List<Object> endedOn = new ArrayList<>();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          switch (event) {
            case "beforeOrderedCall":
              orderedOn.add(args[1]);
              return true;
            case "afterOrderedCall":
              endedOn.add(args[1]);
              return null;
            default:
              throw StubHandler.unexpected(event);
          }
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void aSubmapsCallsAreOrderedOnItsMap() {
    ConcurrentSkipListMap<Integer, String> map = new ConcurrentSkipListMap<>();
    ConcurrentNavigableMap<Integer, String> head = map.headMap(10);
    SkipLists.subMapCreated(head, map); // what the submap's constructor advice does

    Object ordered = SkipLists.starts(head); // a view of the submap: its m is the submap
    SkipLists.ended(ordered);
    Object direct = SkipLists.starts(map); // an iterator of the map: its outer is the map
    SkipLists.ended(direct);

    assertSame(map, ordered);
    assertSame(map, direct);
    assertEquals(List.of(map, map), orderedOn);
    assertEquals(List.of(map, map), endedOn);
  }

  @Test
  void aSubmapMadeBeforeCaptureIsOrderedOnItself() {
    ConcurrentSkipListMap<Integer, String> map = new ConcurrentSkipListMap<>();
    Object unnoted = map.tailMap(3);
    assertSame(unnoted, SkipLists.starts(unnoted));
  }

  @Test
  void nothingIsOrderedWhileTheThreadIsGuarded() {
    ConcurrentSkipListMap<Integer, String> map = new ConcurrentSkipListMap<>();
    ThreadState main = AppThreads.current();
    main.enterAgent();
    try {
      assertNull(SkipLists.starts(map));
    } finally {
      main.exitAgent();
    }
    SkipLists.ended(null);
    assertEquals(List.of(), orderedOn);
    assertEquals(List.of(), endedOn);
  }
}
