package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a ByteBuf that was garbage collected without being
 * released. Hooks the detector every ByteBuf shares (so class loading order does not matter), requires the
 * PARANOID level the build sets, and at the end forces collection and the detector's reporting pass.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
                "run with -Dio.netty.leakDetection.level=PARANOID");
        install();
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int round = 0; round < 4 && LEAKS.isEmpty(); round++) {
            System.gc();
            Thread.sleep(50);
            // The detector reports collected-but-unreleased buffers while tracking a new allocation.
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
                probe.release();
            }
        }
        if (!LEAKS.isEmpty()) {
            fail("LEAK: " + LEAKS.size() + " ByteBuf(s) were not released; first:\n" + LEAKS.get(0));
        }
    }

    private static synchronized void install() throws ReflectiveOperationException {
        if (installed) {
            return;
        }
        Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
        field.setAccessible(true);
        ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
        detector.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + "\n" + records));
        installed = true;
    }
}
