package dmsrunbook.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of a measured step: the JVM's live heap (the most heap still in use right after any garbage
 * collection during the step: what the step needs, not what the collector let pile up) and the process's peak RSS
 * (JVM plus DuckDB's native memory).
 */
final class PeakMemory {

    private static final AtomicLong LIVE_PEAK = new AtomicLong();
    private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (HEAP_POOLS.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    LIVE_PEAK.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    private PeakMemory() {
    }

    /** Resets both peaks. The RSS peak (VmHWM) is reset through /proc/self/clear_refs (Linux). */
    static void reset() {
        System.gc();
        // A step without any collection needed at least what was live when it started.
        LIVE_PEAK.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not allowed: the RSS figure then covers the whole run.
        }
    }

    /** The largest heap still used after a collection since {@link #reset} (the heap after the reset, at least). */
    static long liveHeapBytes() {
        return LIVE_PEAK.get();
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
