// The GraphiQL browser test drives Debian's Chromium (/usr/bin/chromium) through playwright-core, which
// cannot download a browser of its own here. `npm test` runs this first: on a fresh Debian machine, as
// root, it installs the `chromium` package; elsewhere it says what to install.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    process.stderr.write(`The GraphiQL browser test needs Debian's chromium at ${CHROMIUM}: sudo apt-get install chromium\n`);
    process.exit(1);
  }
  process.stdout.write("Installing Debian's chromium for the GraphiQL browser test (apt-get)\n");
  const options = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  execFileSync("apt-get", ["update", "-qq"], options);
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], options);
}
