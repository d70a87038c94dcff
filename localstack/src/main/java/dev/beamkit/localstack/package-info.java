/**
 * Starts and stops the real Kafka broker and Redis server that the tests and local runs use, as
 * separate processes on 127.0.0.1, with nothing but a JDK and Maven on the machine.
 *
 * <ul>
 *   <li>{@link dev.beamkit.localstack.KafkaBroker}: Apache Kafka 3.9 in KRaft mode in its own JVM,
 *       started from a classpath file written at build time (the broker's Scala 2.13 jars never
 *       join the caller's classpath).
 *   <li>{@link dev.beamkit.localstack.RedisServer}: {@code redis-server} from PATH, else the
 *       binary shipped in the embedded-redis jar.
 *   <li>{@link dev.beamkit.localstack.LocalStack}: both together; {@code LocalStack.shared()} is
 *       one stack per test JVM.
 *   <li>{@link dev.beamkit.localstack.LocalStackCli}: {@code bin/localstack start|status|stop}
 *       for servers that outlive the command.
 * </ul>
 */
package dev.beamkit.localstack;
