// Lists every optional platform binding in package-lock.json, including those the registry this project
// installs from does not serve (it serves only the Linux builds of, for example, unrs-resolver's
// bindings). `npm install` leaves unreachable optional packages out of the lock, and `npm ci` then
// refuses the lock as out of sync. Each added entry names its os and cpu, so npm skips it elsewhere.
// Run after any `npm install`: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const PLATFORM = /-(android|darwin|freebsd|linux|openharmony|win32|sunos|aix|netbsd|openbsd)-([a-z0-9]+)/;
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = PLATFORM.exec(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[`node_modules/${name}`] = { version, dev: pkg.dev, optional: true, os: [platform[1]], cpu: [platform[2]] };
    added++;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} optional platform entries added\n`);
