import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * Runs mongo-java-server for OrderFlow's development, tests and one-command start.
 *
 * <p>Usage: {@code java -cp "lib/*" Launcher.java [--host 127.0.0.1] [--port 0] [--file data.mv]}.
 * Without --file the data lives in memory; with it, in an H2 MVStore file that survives restarts.
 * Port 0 picks a free port. The line {@code LISTENING host:port} on stdout says it is ready.
 * The server stops when its standard input closes, so it never outlives the process that started
 * it, even when that process is killed.
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 0;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--file" -> file = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    MongoBackend backend = file == null ? new MemoryBackend() : new H2Backend(file);
    MongoServer server = new MongoServer(backend);
    server.bind(host, port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    InetSocketAddress address = server.getLocalAddress();
    System.out.println("LISTENING " + address.getHostString() + ":" + address.getPort());
    System.out.flush();

    InputStream in = System.in;
    while (in.read() != -1) {
      // Input is ignored: only its end matters.
    }
    System.exit(0);
  }
}
