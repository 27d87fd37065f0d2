/// How a JVM starts a child process and what its `error=N` means, and what
/// the JVM server products and build tools start threads for
/// (docs/kernel-facts.md §11.129 to §11.132): stated once, for `explain`'s
/// notes on their messages (JVMProductRules, ProgramCatalog) and
/// `report`'s evidence on a `java` record (ServerProgramForks), so the two
/// never say it differently.
enum JVMForkFacts {
    static let spawn =
        "Java's ProcessBuilder.start and Runtime.exec start every child through ProcessImpl.forkAndExec (UNIXProcess in JDK 8 and before): on Linux since JDK 12 with posix_spawn of the JDK's small jspawnhelper, which then execs the program (glibc's posix_spawn clones with CLONE_VM|CLONE_VFORK), with vfork in JDK 7 to 11 and fork in JDK 6; -Djdk.lang.Process.launchMechanism=POSIX_SPAWN|VFORK|FORK chooses. It throws `java.io.IOException: Cannot run program \"NAME\": error=N, STRERROR` with the spawn's errno"

    static let error11 =
        "`error=11` is EAGAIN, a refused task: the JVM's own threads (its GC and compiler threads, every pool's workers) count against the same limit as its children, so a JVM holding hundreds of threads has filled most of it before it spawns anything, and every child it has started holds one more of the JVM's threads until it exits (a \"process reaper\" waiting for it, ProcessHandleImpl), two tasks a child"

    static let error12 =
        "`error=12` is ENOMEM. With posix_spawn or vfork the JVM's memory is neither copied nor committed, so neither the heap nor -Xmx is the cause: a PID namespace whose init has exited, the small stack glibc maps for the child (refused at vm.max_map_count by a JVM that maps many files, or by the commit limit under vm.overcommit_memory 2), or a kernel short of memory. With fork (JDK 6, or launchMechanism=FORK) the overcommit check refuses a copy of the JVM's committed memory, with memory free: `UNIXProcess.forkAndExec` frames name JDK 8 or older, `ProcessImpl.forkAndExec` JDK 9 or later"

    static let reaper =
        "The thread refused is the JVM's \"process reaper\", which ProcessHandleImpl starts for every child it starts and keeps until that child exits: each running child costs two tasks, itself and its reaper, so children that never exit (not waited for, never destroyed) fill the limit twice as fast"

    /// What `report` advises for a JVM whose spawn a task limit refused.
    static let spawnAdvice =
        "Count the JVM's own threads first (`ps -o nlwp= -p PID`, `jcmd PID Thread.print | grep -c '^\"'`): its pools fill the limit its children are then refused by; bound them (the server's thread settings, Executors.newFixedThreadPool), end children that never exit (Process.waitFor, destroy), or raise the limit where its owner sets it"

    static let kafka =
        "A Kafka broker runs fixed pools: num.network.threads per listener (3), num.io.threads (8), num.replica.fetchers per source broker (1), log.cleaner.threads (1), background.threads (10), num.recovery.threads.per.data.dir, plus a thread per listener's acceptor and the purgatory reapers, and clients' connections share the network threads (no thread each); a broker that keeps asking for more leaks them, most often in a plugin, an authorizer or a metrics reporter"

    static let cassandra =
        "Cassandra's documentation has the cassandra user's limits raised (`cassandra - nproc 32768` with memlock, nofile and as, in /etc/security/limits.d/cassandra.conf); its pools grow with native_transport_max_threads (128), concurrent_reads and concurrent_writes (32 each), concurrent_compactors and memtable_flush_writers, and its JVMStabilityInspector takes any OutOfMemoryError as fatal"

    static let hadoop =
        "Hadoop's daemons run as their own users, so the limit is that user's: the DataNode as hdfs starts a DataXceiver thread per block being read or written (up to dfs.datanode.max.transfer.threads, 4096), the NodeManager as yarn, whose containers (Spark executors, MapReduce tasks) run as yarn too under the default container executor and share yarn's RLIMIT_NPROC on that host; cluster setups raise nproc for those users in /etc/security/limits.d/hdfs.conf and yarn.conf"

    static let spark =
        "A Spark executor runs spark.executor.cores task threads beside its shuffle, block manager and netty threads, and PySpark adds a monitor and a writer thread per task (SPARK-35009 removed a duplicate monitor): under YARN the executor is a container of the yarn user and shares yarn's RLIMIT_NPROC (/etc/security/limits.d/yarn.conf); on Kubernetes the pod's pids limit counts it"

    static let tomcat =
        "Tomcat's connectors hand each request to a worker thread (`http-nio-PORT-exec-N`) and grow their pool up to maxThreads (200) on the Connector or a shared Executor in server.xml, beside an acceptor and a poller per connector; the web applications' own threads count against the same limit: the tomcat user's RLIMIT_NPROC, the unit's TasksMax= or the container's pids limit. A tomcat.service written as the common guides have it (User=tomcat, no TasksMax= or LimitNPROC=) gets systemd's DefaultTasksMax=: 15 % of the host's task limit since systemd 231 (4915 with pid_max 32768), 512 in 228 to 230 (docs/kernel-facts.md §11.7)"

    static let zookeeperClient =
        "Every org.apache.zookeeper.ZooKeeper client object starts two threads (its SendThread and EventThread, ClientCnxn.start) and keeps them until close(): a program that opens a client per request without closing it grows by two threads each time"

    static let zookeeperServer =
        "A ZooKeeper server starts selector and worker threads for its connections (zookeeper.nio.numSelectorThreads, about √(cores ÷ 2); zookeeper.nio.numWorkerThreads, 2 per core) and a thread per quorum peer connection; maxClientCnxns bounds one client host's connections"

    static let gradle =
        "The Gradle daemon runs up to org.gradle.workers.max workers (default: the processors the JVM sees, the host's in a container without a CPU limit) plus the build tools' own pools, and daemons outlive builds: `gradle --status` lists them, `gradle --stop` ends them, and several daemons (other Gradle versions or JVM arguments) and the Kotlin daemon count against the same user's RLIMIT_NPROC or the CI container's pids limit; set org.gradle.workers.max in gradle.properties to fit"

    static let jenkins =
        "A Jenkins controller or agent runs each executor's build through the remoting channel, and the builds' processes and the agent's threads share one limit: the jenkins user's RLIMIT_NPROC (limits.d), the service's TasksMax= (systemd's default when its unit sets none, §11.7), the agent pod's pids limit on Kubernetes; fewer executors per node (numExecutors) bound it, and remoting before jenkinsci/remoting#717 (2024) kept replacing JarCacheSupport's thread"
}
