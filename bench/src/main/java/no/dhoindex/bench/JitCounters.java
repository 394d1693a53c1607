package no.dhoindex.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Another HotSpot JVM's JIT counters, read from its performance data file ({@code /tmp/hsperfdata_<user>/<pid>}, the
 * memory {@code jstat -compiler} reads): methods compiled so far and the compiler threads' time. Reading is passive
 * (a shared mapping), so a benchmark can poll it during its warm-up without disturbing the measured JVM, and without
 * starting a {@code jstat} process per look.
 */
final class JitCounters {

    private static final int MAGIC = 0xCAFEC0C0;
    private static final String COMPILES = "sun.ci.totalCompiles";
    private static final String TIME = "java.ci.totalTime";
    private static final String FREQUENCY = "sun.os.hrt.frequency";

    private final ByteBuffer data;
    private final Map<String, Integer> offsets = new HashMap<>();

    private JitCounters(ByteBuffer data) {
        this.data = data;
        // The prologue (hotspot perfMemory.hpp): magic, byte order, versions, used, overflow, time, entries.
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(24);
        int entries = data.getInt(28);
        for (int i = 0; i < entries; i++) {
            int length = data.getInt(entry);
            int nameOffset = data.getInt(entry + 4);
            byte type = data.get(entry + 12);
            int dataOffset = data.getInt(entry + 16);
            if (type == 'J') {
                offsets.put(name(entry + nameOffset), entry + dataOffset);
            }
            entry += length;
        }
        if (!offsets.containsKey(COMPILES) || !offsets.containsKey(TIME) || !offsets.containsKey(FREQUENCY)) {
            throw new IllegalStateException("no JIT counters in the performance data");
        }
    }

    /** The counters of the JVM {@code pid} of this user; null where it keeps none (-XX:-UsePerfData). */
    static JitCounters of(long pid) {
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        if (!Files.isReadable(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            if (data.getInt(0) != MAGIC) {
                return null;
            }
            return new JitCounters(data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Methods compiled so far (jstat's "Compiled"), by every compiler. */
    long compiles() {
        return data.getLong(offsets.get(COMPILES));
    }

    /** The compiler threads' time so far, in seconds (jstat's "Time"). */
    double compileSeconds() {
        return (double) data.getLong(offsets.get(TIME)) / data.getLong(offsets.get(FREQUENCY));
    }

    private String name(int at) {
        int end = at;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        data.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
