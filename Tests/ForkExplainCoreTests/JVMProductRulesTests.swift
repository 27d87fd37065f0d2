import XCTest

@testable import ForkExplainCore

/// The JVM server products and build tools known by their stack frames or
/// thread names, ProcessBuilder's `error=N`, and FileChannel.map's "Map
/// failed" (docs/kernel-facts.md §11.129 to §11.133). The texts are the
/// products' own shapes (log4j's logger in parentheses, a frame's
/// package); RealMessageTests holds those users pasted.
final class JVMProductRulesTests: XCTestCase {
    private let oome = "java.lang.OutOfMemoryError: unable to create new native thread"

    private func program(_ text: String) -> String? { Explainer.explain(text).message.program }

    /// A frame two lines below the error, which the excerpt leaves out,
    /// still names the product.
    func testAFrameBelowTheErrorNamesTheProduct() {
        assertExplains(
            "[2024-01-02 03:04:05,678] ERROR Uncaught exception (kafka.network.Processor)\n\(oome)\n\tat java.lang.Thread.start0(Native Method)\n\tat kafka.network.Acceptor.run(SocketServer.scala:580)",
            program: "the JVM (HotSpot): Apache Kafka", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "num.io.threads")
        assertExplains(
            "ERROR [CompactionExecutor:12] 2024-01-02 03:04:05,678 JVMStabilityInspector.java:102 - OutOfMemory error letting the JVM handle the error:\n\(oome)",
            program: "the JVM (HotSpot): Apache Cassandra", kind: .thread, errno: "EAGAIN", first: "rlimit_nproc",
            says: "/etc/security/limits.d/cassandra.conf")
        assertExplains(
            "2024-01-02 03:04:05,678 ERROR org.apache.hadoop.hdfs.server.datanode.DataNode: host:9866:DataXceiverServer:\n\(oome)",
            program: "the JVM (HotSpot): Apache Hadoop (HDFS / YARN)", kind: .thread, errno: "EAGAIN",
            first: "rlimit_nproc", says: "dfs.datanode.max.transfer.threads")
        assertExplains(
            "\(oome)\n\tat org.apache.zookeeper.server.NIOServerCnxnFactory.start(NIOServerCnxnFactory.java:705)",
            program: "the JVM (HotSpot): Apache ZooKeeper (server)", kind: .thread, errno: "EAGAIN",
            first: "cgroup_pids_limit", says: "maxClientCnxns")
    }

    /// The reaper thread each child holds, as this machine's JDK 17 printed
    /// it when a pids cgroup refused it (Tests/scenarios/231).
    func testTheProcessReaperIsTheChildsSecondTask() {
        assertExplains(
            """
            [2.034s][warning][os,thread] Failed to start the native thread for java.lang.Thread "process reaper"
            Exception in thread "main" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached
            \tat java.base/java.lang.ProcessHandleImpl.completion(ProcessHandleImpl.java:144)
            \tat java.base/java.lang.ProcessImpl.initStreams(ProcessImpl.java:363)
            """, program: "the JVM (HotSpot): Java (Process reaper)", kind: .thread, errno: "EAGAIN",
            first: "cgroup_pids_limit", says: "each running child costs two tasks")
    }

    /// Each product's note gives its own knob beside HotSpot's reading.
    func testEachNoteGivesTheProductsKnob() {
        let knobs = [
            ("\tat org.gradle.internal.work.DefaultConditionalExecutionQueue", "org.gradle.workers.max"),
            ("\tat hudson.remoting.Engine.run(Engine.java:1)", "numExecutors"),
            ("\tat org.apache.catalina.core.StandardService.startInternal", "maxThreads"),
            // The guides' tomcat.service sets no TasksMax=: systemd's default is its limit.
            ("\tat org.apache.catalina.core.StandardService.startInternal", "DefaultTasksMax="),
            ("\tat org.apache.spark.executor.Executor.launchTask", "spark.executor.cores"),
        ]
        for (frame, knob) in knobs {
            let notes = Explainer.explain("\(oome)\n\(frame)").message.notes
            XCTAssertTrue(
                notes.contains { $0.contains(knob) && $0.contains("not the Java heap") }, "\(frame): \(notes)")
        }
    }

    /// A JVM text naming no product keeps the general reading, and a
    /// pool's thread name is still read with a product's.
    func testNoProductKeepsHotSpotAndThePoolNoteStays() {
        XCTAssertEqual(program("\(oome)\n\tat com.example.Worker.run(Worker.java:1)"), "the JVM (HotSpot)")
        let text =
            "Exception in thread \"pool-1-thread-3859\" \(oome)\n\tat org.apache.catalina.core.ContainerBase.startInternal"
        let message = Explainer.explain(text).message
        XCTAssertEqual(message.program, "the JVM (HotSpot): Apache Tomcat")
        XCTAssertTrue(message.notes.contains { $0.contains("that pool had made 3859 threads") }, "\(message.notes)")
        // Kafka's words in a text that is no HotSpot thread error stay another's.
        XCTAssertNotEqual(
            program("ERROR Error while appending (kafka.log.LogManager)"), "the JVM (HotSpot): Apache Kafka")
    }

    /// "Map failed" is an mmap refused: the map count or the address
    /// space, never a task limit.
    func testMapFailedIsAMappingNotATask() {
        for text in [
            "java.io.IOException: Map failed", "Caused by: java.lang.OutOfMemoryError: Map failed",
        ] {
            let explanation = Explainer.explain(text)
            XCTAssertTrue(explanation.message.isMemoryMapping, text)
            XCTAssertEqual(explanation.message.program, "Java (FileChannel.map)", text)
            XCTAssertEqual(explanation.causes.first?.id, "map_count_limit", text)
            let ids = explanation.causes.map(\.id)
            XCTAssertFalse(ids.contains("cgroup_pids_limit") || ids.contains("rlimit_nproc"), "\(ids)")
            XCTAssertTrue(ids.contains("rlimit_as"), "\(ids)")
            XCTAssertTrue(explanation.message.notes[0].contains("which is no task limit"))
        }
        // A C allocator's "mmap failed" is not FileChannel's.
        XCTAssertEqual(program("mmap failed: Cannot allocate memory"), "a memory allocator")
    }

    /// ProcessBuilder's error=11 and error=12, and the spawn behind them.
    func testProcessBuilderSaysWhatEachErrorIs() {
        let text = "java.io.IOException: Cannot run program \"git\": error=11, Resource temporarily unavailable"
        assertExplains(
            text, program: "Java (ProcessBuilder / Runtime.exec)", kind: .process, errno: "EAGAIN",
            first: "cgroup_pids_limit", says: "posix_spawn of the JDK's small jspawnhelper")
        let note = Explainer.explain(text).message.notes[0]
        XCTAssertTrue(note.contains("`error=11` is EAGAIN"), note)
        XCTAssertTrue(note.contains("`error=12` is ENOMEM"), note)
        XCTAssertTrue(note.contains("neither the heap nor -Xmx is the cause"), note)
        XCTAssertEqual(
            Explainer.explain(
                "java.io.IOException: error=12, Cannot allocate memory\n\tat java.lang.UNIXProcess.forkAndExec"
            )
            .errnos.first, "ENOMEM")
    }

    /// `report` on a JVM's refused spawn: the JVM's threads fill the limit.
    func testReportOnAJavaSpawnNamesItsThreads() throws {
        let classifier = Classifier()
        let pids = classifier.classify(
            try fullPidsCgroupRecord(comm: "java", call: "posix_spawn", limit: 60, uid: 1000))
        XCTAssertEqual(pids.id, .cgroupPidsLimit)
        XCTAssertTrue(pids.evidence.contains { $0.contains("a JVM (java) starting a child") }, "\(pids.evidence)")
        XCTAssertTrue(pids.advice.contains { $0.contains("Count the JVM's own threads first") }, "\(pids.advice)")
        let nproc = classifier.classify(try fullNPROCRecord(comm: "java", call: "posix_spawn", soft: 40, uid: 1000))
        XCTAssertEqual(nproc.id, .rlimitNPROC)
        XCTAssertTrue(nproc.evidence.contains { $0.contains("jspawnhelper") }, "\(nproc.evidence)")
        // A JVM's refused thread is not a spawn.
        let thread = classifier.classify(
            try fullPidsCgroupRecord(comm: "java", call: "pthread_create", limit: 60, uid: 1000))
        XCTAssertFalse(thread.evidence.contains { $0.contains("starting a child") }, "\(thread.evidence)")
    }

    /// argv, logged with FORKEXPLAIN_CMDLINE=1, is read for the product
    /// only: its main class or jar (docs/kernel-facts.md §11.133).
    func testArgvNamesTheProductAndNothingElseIsKept() throws {
        let kafka =
            #"{"schema":1,"type":"failure","process":{"comm":"java","argv":["/usr/bin/java","-Xmx1G","-cp","/opt/kafka/libs/*","kafka.Kafka","/etc/kafka/server.properties"]}}"#
        XCTAssertEqual(try LogRecord(jsonLine: Array(kafka.utf8)).process?.jvmProduct, .kafka)
        let agent =
            #"{"schema":1,"type":"failure","process":{"comm":"java","argv":["java","-jar","/home/jenkins/agent.jar","-url","x"]}}"#
        XCTAssertEqual(try LogRecord(jsonLine: Array(agent.utf8)).process?.jvmProduct, .jenkins)
        let other =
            #"{"schema":1,"type":"failure","process":{"comm":"java","argv":["java","-cp",".","kafka.KafkaClient"]}}"#
        XCTAssertNil(try LogRecord(jsonLine: Array(other.utf8)).process?.jvmProduct)
        // A ProcessSnapshot grows by no byte: the product sits in seccomp's padding.
        XCTAssertEqual(MemoryLayout<ProcessSnapshot>.size, 112)
    }

    /// report on a product's refused thread gives the product's own knob.
    func testReportOnAProductsThreadGivesItsKnob() throws {
        let classifier = Classifier()
        var record = try fullPidsCgroupRecord(comm: "java", call: "pthread_create", limit: 60, uid: 1000)
        record.process?.jvmProduct = .tomcat
        let pids = classifier.classify(record)
        XCTAssertEqual(pids.id, .cgroupPidsLimit)
        XCTAssertTrue(pids.evidence.contains { $0.contains("Apache Tomcat's JVM") }, "\(pids.evidence)")
        XCTAssertTrue(pids.advice.contains { $0.contains("Lower maxThreads") }, "\(pids.advice)")
        var nproc = try fullNPROCRecord(comm: "java", call: "pthread_create", soft: 40, uid: 1000)
        nproc.process?.jvmProduct = .cassandra
        let verdict = classifier.classify(nproc)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.advice.contains { $0.contains("limits.d/cassandra.conf") }, "\(verdict.advice)")
    }
}
