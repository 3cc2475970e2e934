import { any, arr, bool, int, map, obj, oneOf, secret, str, type FieldSpec } from "./connection-spec.js";

/**
 * The credential and option shapes OpenMetadata's connector schemas share (`security/credentials/*.json`,
 * `type/filterPattern.json`, `security/ssl/verifySSLConfig.json`, `connectionBasicType.json`), for the
 * connector definitions of every service kind (docs/upstream/openmetadata.md §2.3).
 */

export const supportsMetadataExtraction = bool(true);
export const filterPattern = obj({ includes: arr(), excludes: arr() });
/** `security/credentials/awsCredentials.json`. */
export const awsCredentials = obj(
  {
    awsAccessKeyId: str(),
    awsSecretAccessKey: secret(),
    awsRegion: str(),
    awsSessionToken: str(),
    endPointURL: str(),
    profileName: str(),
    assumeRoleArn: str(),
    assumeRoleSessionName: str({ default: "OpenMetadataSession" }),
    assumeRoleSourceIdentity: str(),
  },
  ["awsRegion"],
);
/** `security/credentials/gcpCredentials.json`: values, a file path, an external account, or ADC. */
export const gcpCredentials = obj(
  {
    gcpConfig: oneOf(
      obj({
        type: str(),
        projectId: any(),
        privateKeyId: str(),
        privateKey: secret(),
        clientEmail: str(),
        clientId: str(),
        authUri: str({ default: "https://accounts.google.com/o/oauth2/auth" }),
        tokenUri: str({ default: "https://oauth2.googleapis.com/token" }),
        authProviderX509CertUrl: str({ default: "https://www.googleapis.com/oauth2/v1/certs" }),
        clientX509CertUrl: str(),
      }),
      obj({ type: str({ default: "gcp_credential_path", enum: ["gcp_credential_path"] }), path: str(), projectId: any() }, [], true),
      obj({
        type: str({ default: "external_account", enum: ["external_account"] }),
        externalType: str({ default: "external_account", enum: ["external_account"] }),
        audience: str(),
        subjectTokenType: str(),
        tokenURL: str(),
        credentialSource: map(),
      }),
      obj({ type: str({ default: "gcp_adc", enum: ["gcp_adc"] }), projectId: any() }, [], true),
    ),
    gcpImpersonateServiceAccount: obj({ impersonateServiceAccount: str(), lifetime: int(3600) }, [], true),
  },
  ["gcpConfig"],
);
/** `security/credentials/azureCredentials.json` as DataFactory's `configSource`. */
export const azureCredentials = obj({ clientId: str(), clientSecret: secret(), tenantId: str(), accountName: str() }, ["clientId", "clientSecret", "tenantId", "accountName"]);
export const basicAuth = obj({ username: str(), password: secret() }, ["username", "password"]);
export const sslConfig = oneOf(obj({ certificatePath: str() }));
export const verifySSL = str({ default: "no-ssl", enum: ["no-ssl", "ignore", "validate"] });

/** `connectionBasicType.json`'s `supports*` flags: all default to true except system profile and statistics. */
export function supports(...capabilities: string[]): Record<string, FieldSpec> {
  return Object.fromEntries(capabilities.map((c) => [`supports${c}`, bool(c !== "SystemProfile" && c !== "Statistics")]));
}
/** `verifySSLConfig.json#/definitions/sslConfig` with the fields of every version seen: a path, or CA, certificate and key as data. */
export const clientSslConfig = oneOf(obj({ certificatePath: str(), caCertificate: str(), sslCertificate: str(), sslKey: str() }));
/** `entity/services/connections/common/sslConfig.json`: certificates by path or by value (values are secrets). */
export const certificatesConfig = obj(
  {
    certificates: oneOf(
      obj({ caCertPath: str(), clientCertPath: str(), privateKeyPath: str() }),
      obj({ caCertValue: secret(), clientCertValue: secret(), privateKeyValue: secret(), stagingDir: str({ default: "/tmp/openmetadata-certs" }) }),
    ),
  },
  [],
  true,
);
