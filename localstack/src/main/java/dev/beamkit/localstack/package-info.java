/**
 * The local stack: the real servers that the tests and local runs use, each in a process of its
 * own on 127.0.0.1, with nothing but a JDK and Maven on the machine.
 *
 * <ul>
 *   <li>{@link dev.beamkit.localstack.KafkaBroker}: Apache Kafka 3.9 in KRaft mode in its own JVM.
 *   <li>{@link dev.beamkit.localstack.RedisServer}: {@code redis-server} from PATH, else the
 *       binary shipped in the embedded-redis jar.
 *   <li>{@link dev.beamkit.localstack.FlinkCluster}: a Flink 1.19 session cluster for Beam's
 *       FlinkRunner ({@code --flinkMaster=}{@code restAddress()}).
 *   <li>{@link dev.beamkit.localstack.SparkCluster}: a Spark 3.5 standalone Master and Worker for
 *       Beam's SparkRunner ({@code --sparkMaster=}{@code masterUrl()}).
 *   <li>{@link dev.beamkit.localstack.LocalStack}: Kafka and Redis together; {@code
 *       LocalStack.shared()} is one stack per test JVM.
 *   <li>{@link dev.beamkit.localstack.LocalStackCli}: {@code bin/localstack start|status|stop}
 *       for any of the four that should outlive the command.
 * </ul>
 *
 * <p>The JVMs of Kafka, Flink and Spark run on classpaths that this module's build resolves in
 * separate dependency graphs and writes to classpath files; their jars (and Scala) never join the
 * classpath of the caller or of a module that depends on this one. All servers share one set of
 * process plumbing: launching ({@code JvmLauncher}, {@code Processes}), waiting until ready
 * ({@code Readiness}), stopping a process tree ({@code ProcessTree}), shutdown hooks, free ports
 * and log tails for error messages. Their builders share the common settings ({@code
 * ServerBuilder}: start timeout, stop on JVM exit; {@code ClusterBuilder}: the work directory;
 * {@code ProcessServerBuilder}: port, data directory, log file), and Kafka and Redis share {@code
 * SingleProcessServer} (port, pid, directory, log, close).
 */
package dev.beamkit.localstack;
