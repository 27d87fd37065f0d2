/// What a JVM product's threads are and the setting that sizes them, for
/// `report` on a record whose argv names the product (docs/kernel-facts.md
/// §11.130, §11.133); the facts are JVMForkFacts', which `explain` gives
/// on the product's own messages.
extension JVMProduct {
    private typealias F = JVMForkFacts

    var threads: String {
        switch self {
        case .kafka: F.kafka
        case .cassandra: F.cassandra
        case .hadoopDataNode, .hadoopNodeManager: F.hadoop
        case .sparkExecutor: F.spark
        case .tomcat: F.tomcat
        case .zookeeper: F.zookeeperServer
        case .gradle: F.gradle
        case .jenkins: F.jenkins
        }
    }

    var advice: String {
        switch self {
        case .kafka:
            "Size the broker's pools in server.properties (num.network.threads, num.io.threads, num.replica.fetchers, log.cleaner.threads, background.threads) to fit, or find what keeps adding threads (`jstack PID | grep '^\"' | sed 's/[-#]*[0-9]*\".*//' | sort | uniq -c | sort -rn | head`)"
        case .cassandra:
            "Raise the cassandra user's nproc as Cassandra's documentation has it (`cassandra - nproc 32768` in /etc/security/limits.d/cassandra.conf), or lower native_transport_max_threads, concurrent_reads, concurrent_writes and concurrent_compactors"
        case .hadoopDataNode:
            "Raise hdfs's nproc in /etc/security/limits.d/hdfs.conf, or lower dfs.datanode.max.transfer.threads (4096) to fit"
        case .hadoopNodeManager:
            "Raise yarn's nproc in /etc/security/limits.d/yarn.conf: the containers YARN runs as yarn count against it beside the NodeManager"
        case .sparkExecutor:
            "Give each executor fewer spark.executor.cores, or raise the limit of the user it runs as (yarn's nproc in /etc/security/limits.d/yarn.conf) or of its pod"
        case .tomcat:
            "Lower maxThreads on the Connector (or its Executor) in server.xml to fit, or give Tomcat's unit a TasksMax= of its own (`systemctl edit tomcat9`, or tomcat10, tomcat)"
        case .zookeeper:
            "Lower zookeeper.nio.numWorkerThreads and numSelectorThreads, bound maxClientCnxns, or raise the zookeeper user's limit"
        case .gradle:
            "Set org.gradle.workers.max in gradle.properties to fit, and stop daemons that outlived their builds (`gradle --status`, `gradle --stop`)"
        case .jenkins:
            "Run fewer executors on this node (numExecutors), or raise the jenkins user's nproc (limits.d) or the agent pod's pids limit"
        }
    }
}
