import { definitions } from "../connection-spec.js";
import { serviceKind } from "../service-row.js";

/**
 * `/v1/services/llmServices` (`entity/services/llmService.json`, `api/services/createLLMService.json`):
 * OpenAI, Anthropic, Bedrock, Vertex AI, … (`VertexAI` is also an ML model service type; each kind has
 * its own). No connector is checked beyond its `type`: each takes any object whose `type` is its
 * service type (docs/upstream/openmetadata.md §2.3).
 */
export const LLM_SERVICE = serviceKind({
  entityType: "llmService",
  path: "services/llmServices",
  keys: [
    "id", "name", "fullyQualifiedName", "serviceType", "description", "displayName", "version", "updatedAt", "updatedBy", "models", "pipelines",
    "connection", "testConnectionResult", "tags", "serviceAttributes", "owners", "href", "changeDescription", "incrementalChangeDescription",
    "deleted", "dataProducts", "dataContract", "followers", "domains", "ingestionRunner",
  ],
  createKeys: [
    "name", "displayName", "description", "tags", "serviceAttributes", "serviceType", "connection", "owners", "dataProducts", "domains",
    "ingestionRunner",
  ],
  types: ["OpenAI", "Anthropic", "AzureOpenAI", "Bedrock", "VertexAI", "Ollama", "HuggingFace", "CustomLLM"],
  connections: definitions(),
});
