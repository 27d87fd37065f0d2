# The JVM server products' and build tools' own texts from public incident
# threads, read by `forkexplain explain` (docs/kernel-facts.md §11.130 to
# §11.132). REPLAYS of the threads' texts: Kafka, Tomcat, Spark, ZooKeeper,
# Gradle and Jenkins are not installed here, so the texts are the users'
# pastes (each with its thread below), fed to this build's explain as a
# user would paste them, stack frames and all. main's explain read every
# one as plain HotSpot (the frames that name the product are not among
# the lines that name a failure) and read Kafka's "Map failed" as no task
# failure at all; each must now name the product and its own knob, and
# "Map failed" must be a mapping with vm.max_map_count first and no task
# limit among its causes.
. "$(dirname "$0")/lib.sh"

# https://github.com/EBISPOT/ols4/issues/392
explain_reads "$(printf '%s\n' \
	'Exception in thread "http-nio-8080-Poller" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached' \
	'	at java.base/java.lang.Thread.start0(Native Method)' \
	'	at org.apache.tomcat.util.threads.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:984)')" \
	'the JVM (HotSpot): Apache Tomcat' cgroup_pids_limit 'maxThreads \(200\)' 'not the Java heap'

# https://github.com/strimzi/strimzi-kafka-operator/issues/3766
explain_reads "$(printf '%s\n' \
	'java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached' \
	'	at java.lang.Thread.start0(Native Method) ~[?:?]' \
	'	at org.apache.zookeeper.ClientCnxn.start(ClientCnxn.java:409) ~[org.apache.zookeeper.zookeeper-3.5.7.jar:3.5.7]' \
	'	at org.apache.zookeeper.ZooKeeper.<init>(ZooKeeper.java:884) ~[org.apache.zookeeper.zookeeper-3.5.7.jar:3.5.7]')" \
	'the JVM (HotSpot): Apache ZooKeeper (client)' cgroup_pids_limit 'SendThread and EventThread'

# https://github.com/NVIDIA/cudf-spark/issues/12413
explain_reads "$(printf '%s\n' \
	'25/03/31 02:40:37 ERROR SparkUncaughtExceptionHandler: Uncaught exception in thread Thread[Executor task launch worker for task 6.0 in stage 6568.0 (TID 48905),5,main]' \
	'java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached' \
	'        at org.apache.spark.api.python.BasePythonRunner.compute(PythonRunner.scala:186)')" \
	'the JVM (HotSpot): Apache Spark' rlimit_nproc 'spark.executor.cores' 'limits.d/yarn.conf'

# https://github.com/gradle/gradle/issues/22951
explain_reads "$(printf '%s\n' \
	'12:08:28  	at org.gradle.internal.concurrent.ManagedExecutorImpl$1.run(ManagedExecutorImpl.java:48)' \
	'12:08:28  Caused by: com.google.cloud.tools.jib.plugins.common.BuildStepsExecutionException: unable to create native thread: possibly out of memory or process/resource limits reached')" \
	'the JVM (HotSpot): Gradle' rlimit_nproc 'org.gradle.workers.max' 'gradle --stop'

# https://github.com/jenkinsci/remoting/pull/717
explain_reads "$(printf '%s\n' \
	'java.lang.OutOfMemoryError: unable to create new native thread' \
	'	at java.lang.Thread.start0(Native Method)' \
	'	at hudson.remoting.AtmostOneThreadExecutor.execute(AtmostOneThreadExecutor.java:104)')" \
	'the JVM (HotSpot): Jenkins' rlimit_nproc 'numExecutors' 'jenkinsci/remoting#717'

# https://github.com/confluentinc/kafka-rest/issues/260: a mapping, no task.
explain_reads "$(printf '%s\n' \
	'java.io.IOException: Map failed' \
	'        at sun.nio.ch.FileChannelImpl.map(FileChannelImpl.java:961)' \
	'        at kafka.log.OffsetIndex.<init>(OffsetIndex.scala:75)')" \
	'Java (FileChannel.map)' map_count_limit 'ENOMEM while mapping memory' 'which is no task limit' \
	'two index files'
if grep -qE '\[(cgroup_pids_limit|rlimit_nproc|pid_max|threads_max)\]' "$WORK/explain"; then
	fail "explain lists a task limit for Kafka's Map failed: $(cat "$WORK/explain")"
fi

# https://github.com/strimzi/strimzi-kafka-operator/issues/3766: ProcessBuilder's title line.
explain_reads 'java.io.IOException: Cannot run program “openssl”: error=11, Resource temporarily unavailable' \
	'Java (ProcessBuilder / Runtime.exec)' cgroup_pids_limit '`error=11` is EAGAIN'
echo "ok: six products' thread texts and ProcessBuilder's read with each product's knob; Kafka's Map failed read as a mapping with no task limit"
