package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueueViewTest {
  @Test
  void eachQuestionReadsItsPartOfTheView() {
    long view = QueueView.of(3, true, false);
    assertEquals(3, QueueView.answer(view, "getQueueLength"));
    assertEquals(1, QueueView.answer(view, "hasQueuedThreads"));
    assertEquals(1, QueueView.answer(view, "hasContended"));
    assertEquals(0, QueueView.answer(view, "hasQueuedPredecessors"));

    long empty = QueueView.of(0, false, false);
    assertEquals(0, QueueView.answer(empty, "getQueueLength"));
    assertEquals(0, QueueView.answer(empty, "hasQueuedThreads"));
    assertEquals(0, QueueView.answer(empty, "hasContended"));
    assertEquals(1, QueueView.answer(QueueView.of(1, true, true), "hasQueuedPredecessors"));
  }

  @Test
  void questionsAnsweredWithThreadsAreLeftToTheJdk() {
    long view = QueueView.of(2, true, true);
    assertEquals(QueueView.NOT_ANSWERED, QueueView.answer(view, "getQueuedThreads"));
    assertEquals(QueueView.NOT_ANSWERED, QueueView.answer(view, "getFirstQueuedThread"));
    assertEquals(QueueView.NOT_ANSWERED, QueueView.answer(view, "isQueued"));
  }

  @Test
  void aJdkSynchronizerOrAnUnrelatedObjectIsNotAnswered() {
    var jdkLock = new java.util.concurrent.locks.ReentrantLock();
    assertEquals(QueueView.NOT_ANSWERED, QueueQueries.answer(jdkLock, "getQueueLength"));
    assertEquals(QueueView.NOT_ANSWERED, QueueQueries.answer(new Object(), "hasQueuedThreads"));
  }
}
