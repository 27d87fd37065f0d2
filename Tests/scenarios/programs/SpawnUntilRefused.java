// Starts COMMAND (each child sleeps until stdin closes: `cat`) with
// ProcessBuilder, as a build agent or a server that shells out does, until
// a start is refused, at most MAX children. The JVM's own exception is
// printed as the program would log it ("java.io.IOException: Cannot run
// program ..."), then the children are ended. Prints "started N" and
// exits 3 when a start was refused, 0 when all MAX started.
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class SpawnUntilRefused {
    public static void main(String[] args) throws Exception {
        String command = args[0];
        int max = Integer.parseInt(args[1]);
        List<Process> children = new ArrayList<>();
        int status = 0;
        try {
            while (children.size() < max) {
                children.add(new ProcessBuilder(command).start());
            }
        } catch (IOException e) {
            e.printStackTrace();
            status = 3;
        }
        System.out.println("started " + children.size());
        for (Process child : children) {
            child.getOutputStream().close();
            child.destroy();
            child.waitFor();
        }
        System.exit(status);
    }
}
