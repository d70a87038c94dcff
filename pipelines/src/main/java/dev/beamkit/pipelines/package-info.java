/** The beamkit pipelines: Kafka in, beamkit transforms, Kafka or Redis out. */
package dev.beamkit.pipelines;
