/**
 * Real Flink and Spark clusters for tests and local runs, each in JVMs of its own on 127.0.0.1,
 * built from Maven artifacts alone: {@link dev.beamkit.clusters.FlinkCluster} (a Flink 1.19
 * session cluster for Beam's FlinkRunner), {@link dev.beamkit.clusters.SparkCluster} (a Spark 3.5
 * standalone Master and Worker for Beam's SparkRunner) and {@link dev.beamkit.clusters.ClustersCli}
 * (start, status and stop from a shell).
 *
 * <p>The cluster JVMs take their jars from classpath files that the module's build resolves; this
 * module has no compile or runtime dependencies, so neither Flink nor Spark nor Scala reaches the
 * classpath of a module that depends on it.
 */
package dev.beamkit.clusters;
