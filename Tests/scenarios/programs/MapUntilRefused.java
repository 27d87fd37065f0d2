// Maps CHUNK KiB pieces of FILE (a sparse file, read-only) with
// FileChannel.map, as a broker maps its index files, until a map is
// refused, at most MAX pieces, keeping every mapping. The JDK's own
// exception is printed as a program would log it ("java.io.IOException:
// Map failed" or "java.lang.OutOfMemoryError: Map failed"). Prints "mapped
// N" and exits 3 when a map was refused, 0 when all MAX were mapped.
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

public class MapUntilRefused {
    public static void main(String[] args) throws Exception {
        String file = args[0];
        long chunk = Long.parseLong(args[1]) << 10;
        int max = Integer.parseInt(args[2]);
        List<MappedByteBuffer> maps = new ArrayList<>();
        int status = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file, "r"); FileChannel channel = raf.getChannel()) {
            while (maps.size() < max) {
                // Every other piece: neighbours of one file would merge into one mapping.
                long at = (2 * maps.size() * chunk) % Math.max(chunk, channel.size() - chunk);
                maps.add(channel.map(FileChannel.MapMode.READ_ONLY, at, chunk));
            }
        } catch (IOException | OutOfMemoryError e) {
            e.printStackTrace();
            status = 3;
        }
        System.out.println("mapped " + maps.size());
        System.exit(status);
    }
}
