// Copy the compiled front-end packages from node_modules into Django's static files.
// No bundler: GOV.UK Frontend and MoJ Frontend ship ready-built CSS, JS and assets.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "src", "sightline", "static", "vendor");
const copies = [
  ["node_modules/govuk-frontend/dist/govuk", "govuk"],
  ["node_modules/@ministryofjustice/frontend/moj", "moj"],
  ["node_modules/chart.js/dist", "chartjs"],
];

rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of copies) {
  const source = join(root, from);
  if (!existsSync(source)) {
    console.error(`copy-assets: ${from} is missing; run npm ci first`);
    process.exit(1);
  }
  mkdirSync(join(vendor, to), { recursive: true });
  cpSync(source, join(vendor, to), { recursive: true });
}
console.log(`copy-assets: ${copies.length} packages copied to ${vendor}`);
