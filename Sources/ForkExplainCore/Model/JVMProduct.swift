/// The JVM server product or build tool a `java` process runs, known by
/// its main class or jar in the record's `process.argv` (written only
/// with FORKEXPLAIN_CMDLINE=1; docs/kernel-facts.md §11.133). Only this is
/// kept of argv: a report holds one per record.
enum JVMProduct: UInt8, Sendable, Hashable, CaseIterable {
    case kafka, cassandra, hadoopDataNode, hadoopNodeManager, sparkExecutor, tomcat, zookeeper, gradle, jenkins

    /// Each product's launcher's main class or jar, as its scripts run it.
    private static let mains: [(String, JVMProduct)] = [
        ("kafka.Kafka", .kafka),
        ("org.apache.cassandra.service.CassandraDaemon", .cassandra),
        ("org.apache.hadoop.hdfs.server.datanode.DataNode", .hadoopDataNode),
        ("org.apache.hadoop.yarn.server.nodemanager.NodeManager", .hadoopNodeManager),
        ("org.apache.spark.executor.CoarseGrainedExecutorBackend", .sparkExecutor),
        ("org.apache.spark.executor.YarnCoarseGrainedExecutorBackend", .sparkExecutor),
        ("org.apache.catalina.startup.Bootstrap", .tomcat),
        ("org.apache.zookeeper.server.quorum.QuorumPeerMain", .zookeeper),
        ("org.gradle.launcher.daemon.bootstrap.GradleDaemon", .gradle),
        ("hudson.remoting.jnlp.Main", .jenkins),
        ("hudson.remoting.Launcher", .jenkins),
    ]

    /// The product one argument names: a main class, or Jenkins's war or
    /// an agent's jar (`java -jar agent.jar`).
    init?(argument: String) {
        if let found = Self.mains.first(where: { $0.0 == argument }) {
            self = found.1
            return
        }
        let file = argument.split(separator: "/").last.map(String.init) ?? argument
        guard ["jenkins.war", "agent.jar", "slave.jar", "remoting.jar"].contains(file) else { return nil }
        self = .jenkins
    }

    /// The first product an argv names.
    init?(argv: [String]) {
        guard let found = argv.lazy.compactMap(JVMProduct.init(argument:)).first else { return nil }
        self = found
    }

    var name: String {
        switch self {
        case .kafka: "Apache Kafka"
        case .cassandra: "Apache Cassandra"
        case .hadoopDataNode: "an HDFS DataNode"
        case .hadoopNodeManager: "a YARN NodeManager"
        case .sparkExecutor: "a Spark executor"
        case .tomcat: "Apache Tomcat"
        case .zookeeper: "a ZooKeeper server"
        case .gradle: "the Gradle daemon"
        case .jenkins: "Jenkins"
        }
    }
}
