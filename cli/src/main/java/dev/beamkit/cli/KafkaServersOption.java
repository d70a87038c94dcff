package dev.beamkit.cli;

import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, as every beamkit tool that talks to Kafka takes it. */
public final class KafkaServersOption {
  @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  public String bootstrapServers() {
    return bootstrapServers;
  }
}
