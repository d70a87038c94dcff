package dev.beamkit.benchmarks.harness;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics of a benchmark run on whatever broker it uses. */
public final class TopicCreator {
  private TopicCreator() {}

  /** Creates {@code name} with replication factor 1 and the given topic configs. */
  public static void create(String bootstrapServers, String name, int partitions, Map<String, String> configs)
      throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    }
  }
}
