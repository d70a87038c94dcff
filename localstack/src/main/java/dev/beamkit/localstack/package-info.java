/** Starts and stops the local Kafka broker and Redis server that the demo and the tests use. */
package dev.beamkit.localstack;
