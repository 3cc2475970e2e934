import type { EntityRepository } from "./entity-repository.js";
import { caller, create } from "./sample-data.js";

/** A seeded service of one of the further service kinds: its collection's entity type, fixed id, name and create request. */
export interface SampleService {
  readonly entityType: string;
  readonly id: string;
  readonly name: string;
  readonly request: Readonly<Record<string, unknown>>;
}

/** The plain-text secrets of these services' connections (what bots see; others see `*********`). */
export const SAMPLE_SERVICE_SECRETS = {} as const;

/** Sample services of the database, dashboard, messaging, storage, search and API kinds, by key. */
export const SAMPLE_SERVICES = {} as const satisfies Record<string, SampleService>;

const DAY = 86_400_000;

/** Writes {@link SAMPLE_SERVICES}, each created by `admin` a day before `now`, in the collection of its entity type. */
export function seedSampleServices(repositoryOf: (entityType: string) => EntityRepository, now: number): void {
  for (const service of Object.values(SAMPLE_SERVICES) as SampleService[]) {
    create(repositoryOf(service.entityType), service.id, caller("admin"), now - DAY, { name: service.name, ...service.request });
  }
}
