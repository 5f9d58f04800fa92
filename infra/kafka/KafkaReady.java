import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Readiness probe for the local Kafka broker (used by scripts/infra.sh).
 *
 * Usage: java -cp '<kafka libs>/*:<dir of this class>' KafkaReady [bootstrap] [seconds]
 *
 * Keeps trying, for at most the given seconds, until an admin client on the bootstrap
 * address sees a broker, an active controller, and can list topics. Exit 0 when ready,
 * 1 otherwise. One JVM per call, so the script's wait loop stays cheap.
 */
public final class KafkaReady {
  public static void main(String[] args) {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10L;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cs-infra-ready");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 200);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);

    String last = "no attempt";
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          DescribeClusterResult cluster = admin.describeCluster();
          Collection<Node> nodes = cluster.nodes().get(4, TimeUnit.SECONDS);
          Node controller = cluster.controller().get(4, TimeUnit.SECONDS);
          Set<String> topics = admin.listTopics().names().get(4, TimeUnit.SECONDS);
          if (!nodes.isEmpty() && controller != null && !controller.isEmpty()) {
            System.out.println("ready: " + bootstrap + " brokers=" + nodes.size()
                + " controller=" + controller.id() + " topics=" + topics.size());
            admin.close(Duration.ofSeconds(2));
            System.exit(0);
          }
          last = "no broker or controller in metadata yet";
        } catch (Exception e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          last = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        if (System.nanoTime() > deadline) {
          break;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      admin.close(Duration.ofSeconds(1));
    } catch (Exception e) {
      last = e.toString();
    }
    System.out.println("not ready: " + bootstrap + ": " + last);
    System.exit(1);
  }
}
