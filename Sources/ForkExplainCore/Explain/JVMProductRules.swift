/// The JVM server products and build tools whose incident threads carry
/// HotSpot's "unable to create (new) native thread" with their own stack
/// frames or thread names, known by those: each note gives the product's
/// own knob and whose limit counts its threads; and `FileChannel.map`'s
/// "Map failed", which is a mapping, not a task (docs/kernel-facts.md
/// §11.129 to §11.132). Before ProgramCatalog's general HotSpot rule,
/// which would otherwise take their texts.
enum JVMProductRules {
    private typealias F = JVMForkFacts

    /// The general HotSpot reading, said once before each product's own.
    static let hotSpot =
        "HotSpot throws \"unable to create native thread\" (\"new native thread\" before JDK 17) when pthread_create fails, EAGAIN whatever the limit: not the Java heap."

    /// Program names keep ProgramCatalog's prefix: what reads a HotSpot
    /// text (a pool's thread name) keeps reading it.
    static let prefix = "the JVM (HotSpot)"

    private static func product(_ name: String, _ markers: [String], note: String, first: String) -> ProgramRule {
        ProgramRule(
            program: "\(prefix): \(name)", anyOf: markers, allOf: ["native thread"], kind: .thread,
            errnosWhenNone: ["EAGAIN"], note: "\(hotSpot) \(note)", firstCauses: [first])
    }

    static let rules = [mapFailed] + products

    /// A HotSpot thread rule read on the lines that name the failure,
    /// made the product's when the whole text (its stack frames, the
    /// log's logger names) shows one.
    static func refined(_ rule: ProgramRule?, in whole: String) -> ProgramRule? {
        guard let rule, rule.kind == .thread, rule.program.hasPrefix(prefix) else { return rule }
        return products.first { $0.matches(whole + "\n") } ?? rule
    }

    static let mapFailed =
        ProgramRule(
            program: "Java (FileChannel.map)", anyOf: ["ioexception: map failed", "outofmemoryerror: map failed"],
            isMemoryMapping: true,
            note:
                "FileChannel.map could not map the file: its mmap failed with ENOMEM (the JDK retries once after a garbage collection, then throws \"Map failed\"), which is no task limit. A process holding vm.max_map_count mappings is the usual cause: a Kafka broker maps two index files (offset and time) for every log segment of every partition it hosts, and Elasticsearch, RocketMQ and Lucene map their files too, so count them (`wc -l < /proc/PID/maps`) against `sysctl vm.max_map_count` (65530 by default; Kafka's operations guide has it raised with the partitions, fewer and larger segments through log.segment.bytes lower the count). Otherwise the address space: RLIMIT_AS (`ulimit -v`) or a 32-bit JVM (docs/kernel-facts.md §11.131).",
            firstCauses: ["map_count_limit"]
        )

    static let products: [ProgramRule] = [
        product(
            "Java (Process reaper)", ["processhandleimpl.completion", "\"process reaper\""],
            note: "\(F.reaper) (docs/kernel-facts.md §11.129).", first: "cgroup_pids_limit"),
        product(
            "Apache Kafka",
            ["kafka.network.", "kafka.server.", "kafka.log.", "kafka-network-thread", "kafka.cluster."],
            note:
                "\(F.kafka). The broker runs as its own user (kafka, cp-kafka), whose RLIMIT_NPROC counts all its tasks; in a container (Strimzi, Confluent's images) the pod's pids limit does (docs/kernel-facts.md §11.130).",
            first: "cgroup_pids_limit"),
        product(
            "Apache Cassandra", ["org.apache.cassandra", "cassandradaemon", "jvmstabilityinspector"],
            note:
                "\(F.cassandra): `ps -L -u cassandra --no-headers | wc -l` against the cassandra user's `ulimit -u` (docs/kernel-facts.md §11.130).",
            first: "rlimit_nproc"),
        product(
            "Apache Spark", ["org.apache.spark", "executor task launch worker"],
            note: "\(F.spark) (docs/kernel-facts.md §11.130).", first: "rlimit_nproc"),
        product(
            "Apache Hadoop (HDFS / YARN)",
            ["org.apache.hadoop.hdfs", "org.apache.hadoop.yarn", "dataxceiver", "org.apache.hadoop.ipc"],
            note:
                "\(F.hadoop): `ps -L -u hdfs --no-headers | wc -l` (or yarn) against that user's `ulimit -u` (docs/kernel-facts.md §11.130).",
            first: "rlimit_nproc"),
        product(
            "Apache Tomcat",
            [
                "org.apache.tomcat", "org.apache.catalina", "\"http-nio-", "\"http-bio-", "\"https-jsse-nio-",
                "\"ajp-nio-",
            ],
            note: "\(F.tomcat) (docs/kernel-facts.md §11.130).", first: "cgroup_pids_limit"),
        product(
            "Apache ZooKeeper (client)", ["org.apache.zookeeper.clientcnxn", "org.apache.zookeeper.zookeeper.<init>"],
            note:
                "\(F.zookeeperClient): count the process's threads named `-SendThread(` and `-EventThread` (`jstack PID`) (docs/kernel-facts.md §11.130).",
            first: "cgroup_pids_limit"),
        product(
            "Apache ZooKeeper (server)", ["org.apache.zookeeper.server"],
            note: "\(F.zookeeperServer) (docs/kernel-facts.md §11.130).", first: "cgroup_pids_limit"),
        product(
            "Gradle", ["org.gradle.", "gradle daemon"],
            note: "\(F.gradle) (docs/kernel-facts.md §11.130).", first: "rlimit_nproc"),
        product(
            "Jenkins", ["hudson.remoting.", "hudson.model.", "org.jenkinsci.", "jenkins.util."],
            note: "\(F.jenkins) (docs/kernel-facts.md §11.130).", first: "rlimit_nproc"),
    ]
}
