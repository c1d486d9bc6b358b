package io.ftjvm.bootstrap;

import java.lang.management.ThreadInfo;

/**
 * What lets ThreadInfoText use the JDK's own open-data form of a ThreadInfo, the one a JMX client
 * of the platform's ThreadMXBean receives: an MXBean attribute of type {@code ThreadInfo[]}, mapped
 * by {@link javax.management.StandardMBean}. It is public because JMX calls it by reflection; the
 * agent registers no MBean.
 */
public interface ThreadInfosMXBean {
  /** The infos to map. */
  ThreadInfo[] getInfos();
}
