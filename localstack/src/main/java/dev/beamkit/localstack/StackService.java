package dev.beamkit.localstack;

import dev.beamkit.localstack.StackState.RecordedProcess;
import dev.beamkit.localstack.StackState.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servers {@code localstack start} can run in the background, in the order it starts them,
 * and how each one is started and recorded. Every server gets a folder of its own in the state
 * directory, named like the server, with its logs directly inside and its data in a subfolder that
 * {@code stop} deletes; and no shutdown hook, as it must outlive the command.
 */
enum StackService {
  REDIS("data") {
    @Override
    Server start(CliArguments arguments, Path stateDir) {
      Path data = data(stateDir);
      RedisServer.Builder builder = inStateDir(RedisServer.builder(), arguments, stateDir, "redis.log");
      Map<String, String> endpoints = new LinkedHashMap<>();
      TlsFiles tls = null;
      Path passwordFile = data.resolve("password");
      if (arguments.secure()) {
        // The ACL user's password in a file for --redisPasswordFile; the default user's is not kept.
        String password = SecretFiles.newPassword();
        tls = TlsFiles.create(data.resolve("tls"), TlsFiles.LOOPBACK);
        builder.tls(tls).user("default", SecretFiles.newPassword()).user(SecuredStack.USER, password);
        SecretFiles.writePrivate(passwordFile, password);
      }
      RedisServer redis = builder.start();
      endpoints.put("uri", redis.uri());
      if (tls != null) {
        endpoints.put("tls-uri", redis.tlsUri().replace("rediss://", "rediss://" + SecuredStack.USER + ":@") + "/0");
        endpoints.put("password-file", passwordFile.toString());
        endpoints.put("ca-cert", tls.caCertificate().toString());
      }
      return record(List.of(redis.pid()), redis.port(), endpoints, data);
    }
  },

  KAFKA("data") {
    @Override
    Server start(CliArguments arguments, Path stateDir) {
      Path data = data(stateDir);
      // The broker for running pipelines by hand creates topics on first write, as Kafka's own
      // default does: `bin/beamkit replay` then `run` work without a topic tool. Test brokers do not.
      KafkaBroker.Builder builder =
          inStateDir(KafkaBroker.builder(), arguments, stateDir, "kafka.log").autoCreateTopics(true);
      String password = arguments.secure() ? SecretFiles.newPassword() : null;
      TlsFiles tls = null;
      if (arguments.secure()) {
        tls = TlsFiles.create(data.resolve("tls"), TlsFiles.LOOPBACK);
        builder.saslSsl(tls, Map.of(SecuredStack.USER, password));
      }
      KafkaBroker kafka = builder.start();
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("bootstrap", kafka.bootstrapServers());
      if (tls != null) {
        endpoints.put("sasl-ssl", kafka.saslSslBootstrapServers());
        endpoints.put(
            "client-properties",
            SecretFiles.writeKafkaClientProperties(
                    data.resolve("client.properties"), kafka.saslSslBootstrapServers(),
                    SecuredStack.USER, password, tls)
                .toString());
        endpoints.put(
            "kcat-config",
            SecretFiles.writeKcatConfig(
                    data.resolve("kcat.conf"), kafka.saslSslBootstrapServers(), SecuredStack.USER, password, tls)
                .toString());
      }
      return record(List.of(kafka.pid()), kafka.port(), endpoints, data);
    }
  },

  FLINK(WorkDirectory.SCRATCH) {
    @Override
    Server start(CliArguments arguments, Path stateDir) {
      FlinkCluster flink =
          FlinkCluster.builder()
              .restPort(arguments.port(this))
              .workDirectory(folder(stateDir))
              .stopOnJvmExit(false)
              .start();
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("rest", flink.restAddress());
      endpoints.put("webui", flink.restUrl().toString());
      List<Long> pids = new ArrayList<>(List.of(flink.pid()));
      pids.addAll(flink.taskManagerPids());
      return record(pids, flink.restPort(), endpoints, data(stateDir));
    }
  },

  SPARK(WorkDirectory.SCRATCH) {
    @Override
    Server start(CliArguments arguments, Path stateDir) {
      SparkCluster spark =
          SparkCluster.builder()
              .masterPort(arguments.port(this))
              .webUiPort(arguments.sparkUiPort())
              .workDirectory(folder(stateDir))
              .stopOnJvmExit(false)
              .start();
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("master", spark.masterUrl());
      endpoints.put("webui", spark.webUiUrl().toString());
      return record(
          List.of(spark.masterPid(), spark.workerPid()),
          spark.masterPort(),
          endpoints,
          data(stateDir));
    }
  };

  /** The servers {@code start} runs when none are named. */
  static final List<StackService> DEFAULT = List.of(REDIS, KAFKA);

  private final String dataFolder;

  StackService(String dataFolder) {
    this.dataFolder = dataFolder;
  }

  /** The name on the command line and in the state file, e.g. "kafka". */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This server's folder in the state directory {@code stateDir}: its logs are here. */
  Path folder(Path stateDir) {
    return stateDir.resolve(id());
  }

  /** The folder of this server's data, which {@code stop} deletes. */
  Path data(Path stateDir) {
    return folder(stateDir).resolve(dataFolder);
  }

  /**
   * Starts this server for the state directory {@code stateDir}, with the ports {@code arguments}
   * ask for, and returns its record.
   *
   * @throws ServerStartException if it does not come up; nothing of it is left running
   */
  abstract Server start(CliArguments arguments, Path stateDir);

  /**
   * {@code builder} set up as every single-process server the CLI starts: the port asked for, its
   * data and log in its folder, and alive after the command that started it.
   */
  <B extends ProcessServerBuilder<B>> B inStateDir(
      B builder, CliArguments arguments, Path stateDir, String logName) {
    return builder
        .port(arguments.port(this))
        .dataDir(data(stateDir))
        .logFile(folder(stateDir).resolve(logName))
        .stopOnJvmExit(false);
  }

  Server record(List<Long> pids, int port, Map<String, String> endpoints, Path data) {
    return new Server(id(), pids.stream().map(RecordedProcess::of).toList(), port, endpoints, data);
  }
}
