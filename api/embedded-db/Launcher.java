import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Runs mongo-java-server for OrderFlow's development, tests and one-command start.
 *
 * <p>Usage: {@code java -cp "lib/*" Launcher.java [--host 127.0.0.1] [--port 0] [--file data.mv]}.
 * Without --file the data lives in memory; with it, in an H2 MVStore file that survives restarts,
 * and every write is committed and synced to the file before it is acknowledged (see {@link
 * DurableH2Backend}), so an acknowledged write also survives {@code kill -9}.
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
    MongoBackend backend = file == null ? new IdPlannedMemoryBackend() : DurableH2Backend.open(file);
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

  /**
   * The memory backend, planning queries by {@code _id} as MongoDB does. mongo-java-server uses an
   * index only when the query's fields are exactly the index's, so a conditional update such as
   * {@code {_id: …, status: "PROCESSING", "claim.claimId": …}} scanned the whole collection: with
   * 100,000 older orders every claim and commit read them all. Here a query that fixes {@code _id}
   * to one plain value is matched, in full, against only the document the {@code _id} index holds
   * for it (at most one), inside the same call and under the same collection lock as before.
   */
  static final class IdPlannedMemoryBackend extends MemoryBackend {
    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
      return new IdPlannedMemoryDatabase(databaseName, getCursorRegistry());
    }
  }

  static final class IdPlannedMemoryDatabase extends MemoryDatabase {
    IdPlannedMemoryDatabase(String name, CursorRegistry cursors) {
      super(name, cursors);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
      return new IdPlannedMemoryCollection(this, collectionName, options, cursorRegistry);
    }
  }

  static final class IdPlannedMemoryCollection extends MemoryCollection {
    IdPlannedMemoryCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
      Object id = query.get("_id");
      if (query.size() > 1 && isPlainValue(id)) {
        Document byId = new Document("_id", id);
        for (Index<Integer> index : getIndexes()) {
          if (index.canHandle(byId)) {
            return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /** An exact value: not an operator document, a pattern, an array or null. */
    private static boolean isPlainValue(Object value) {
      return value instanceof ObjectId || value instanceof String || value instanceof Number;
    }
  }

  /**
   * The H2 backend with a durable write per command, like MongoDB's {@code j: true}: after every
   * command that may write, and before its reply goes out, the MVStore is committed (the changes
   * are written to the file) and the file is synced. By itself MVStore commits about once a
   * second, so a {@code kill -9} lost the last second of acknowledged writes.
   *
   * <ul>
   *   <li>Group commit: one thread persists at a time; the writes that finished while it did are
   *       in its commit and its sync, so their own commit finds nothing left and they skip the sync.
   *   <li>Retention time 0, so that the space of dead chunks is reused at once (with the default
   *       45 s, a commit per write grew the file by hundreds of MB under load). The retention also
   *       let a command read an older version while others committed: each command now registers
   *       the version it reads, which keeps that version's chunks until the command ends.
   *   <li>MVStore's background thread stays on for its housekeeping (it compacts the file).
   * </ul>
   */
  static final class DurableH2Backend extends H2Backend {
    /** Commands that never write (lower case); every other command is committed. */
    private static final Set<String> READ_ONLY = Set.of(
        "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
        "ping", "hello", "ismaster", "buildinfo", "whatsmyuri", "serverstatus", "dbstats", "collstats",
        "killcursors", "endsessions", "getlasterror", "getparameter", "hostinfo", "connectionstatus",
        "getcmdlineopts", "getlog", "explain", "saslstart", "saslcontinue", "currentop");

    private final MVStore store;
    /** Held while persisting: one commit and sync at a time. */
    private final Object durability = new Object();
    /** The file's write count at the last sync (guarded by {@link #durability}). */
    private long syncedWrites = -1;

    static DurableH2Backend open(String file) {
      MVStore store = MVStore.open(file);
      store.setRetentionTime(0);
      return new DurableH2Backend(store);
    }

    private DurableH2Backend(MVStore store) {
      super(store);
      this.store = store;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      MVStore.TxCounter reading = store.registerVersionUsage();
      try {
        return super.handleCommand(channel, database, command, query);
      } finally {
        store.deregisterVersionUsage(reading);
        // Also after a failure: a batch may have written part of its documents before it.
        if (mayWrite(command, query)) persist();
      }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
      MVStore.TxCounter reading = store.registerVersionUsage();
      try {
        return super.handleQuery(query);
      } finally {
        store.deregisterVersionUsage(reading);
      }
    }

    private static boolean mayWrite(String command, Document query) {
      String name = command.toLowerCase(Locale.ROOT);
      if (name.equals("aggregate")) {
        // Only $out and $merge write.
        return query.get("pipeline") instanceof List<?> pipeline
            && pipeline.stream().anyMatch(stage -> stage instanceof Document d
                && (d.containsKey("$out") || d.containsKey("$merge")));
      }
      return !READ_ONLY.contains(name);
    }

    /** Returns once every change made so far is written to the file and synced. */
    private void persist() {
      synchronized (durability) {
        // Writes what is not yet in a commit (nothing, when another commit took our changes).
        store.commit();
        FileStore<?> file = store.getFileStore();
        // An auto-commit (background, or when changes pile up) hands its chunk to H2's writer
        // threads and does not wait for it: this runs once they have written all they hold.
        file.executeFileStoreOperation(() -> {
          long writes = file.getWriteCount();
          if (writes != syncedWrites) {
            file.sync();
            syncedWrites = writes;
          }
        });
      }
    }
  }
}
