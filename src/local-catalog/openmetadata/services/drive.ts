import { definitions } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/driveServices` (`entity/services/driveService.json`,
 * `api/services/createDriveService.json`): Google Drive, SharePoint, SFTP. No connector is checked
 * beyond its `type`: each takes any object whose `type` is its service type (docs/upstream/openmetadata.md
 * §2.3).
 */
export const DRIVE_SERVICE = serviceKind({
  entityType: "driveService",
  path: "services/driveServices",
  keys: [
    "id", "name", "fullyQualifiedName", "displayName", "serviceType", "description", "connection", "pipelines", "testConnectionResult", "tags",
    "serviceAttributes", "style", "version", "updatedAt", "updatedBy", "impersonatedBy", "href", "owners", "changeDescription",
    "incrementalChangeDescription", "deleted", "dataProducts", "dataContract", "followers", "domains", "ingestionRunner",
  ],
  createKeys: ["name", "displayName", "description", "serviceType", "connection", "tags", "style", "owners", "dataProducts", "domains", "ingestionRunner"],
  types: ["GoogleDrive", "SharePoint", "Sftp", "CustomDrive"],
  connections: definitions(),
});
