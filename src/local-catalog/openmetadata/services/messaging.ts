import { clientSslConfig, filterPattern, supports } from "../connection-credentials.js";
import { connector, definitions, map, secret, str } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/messagingServices` (`entity/services/messagingService.json`,
 * `api/services/createMessagingService.json`). The connectors checked are the common ones, written from
 * `entity/services/connections/messaging/*.json` (docs/upstream/openmetadata.md §2.3): the union of the
 * properties of the versions seen, each version's required keys, the `format: password` secrets.
 */

/** What Kafka and Redpanda share: brokers, schema registry, SASL (`saslMechanismType.json`). */
const broker = {
  bootstrapServers: str(),
  schemaRegistryURL: str(),
  saslUsername: str(),
  saslPassword: secret(),
  securityProtocol: str({ default: "PLAINTEXT", enum: ["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"] }),
  saslMechanism: str({ default: "PLAIN", enum: ["PLAIN", "GSSAPI", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"] }),
  basicAuthUserInfo: secret(),
  consumerConfig: map(),
  schemaRegistryConfig: map(),
  schemaRegistryTopicSuffixName: str({ default: "-value" }),
  topicFilterPattern: filterPattern,
  ...supports("MetadataExtraction", "Profiler"),
};

const CONNECTIONS = definitions(
  connector("Kafka", { ...broker, consumerConfigSSL: clientSslConfig, schemaRegistrySSL: clientSslConfig }, ["bootstrapServers"]),
  connector("Redpanda", broker, ["bootstrapServers"]),
);

/** The messaging service row. */
export const MESSAGING_SERVICE = serviceKind({
  entityType: "messagingService",
  path: "services/messagingServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "connection", "pipelines", "testConnectionResult", "tags",
    "style", "version", "updatedAt", "updatedBy", "impersonatedBy", "owners", "href", "changeDescription", "incrementalChangeDescription", "deleted",
    "entityStatus", "dataProducts", "dataContract", "domains", "followers", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "owners", "dataProducts", "domains", "ingestionRunner", "entityStatus"],
  types: ["Kafka", "Redpanda", "Kinesis", "Nats", "PubSub", "CustomMessaging"],
  connections: CONNECTIONS,
});
