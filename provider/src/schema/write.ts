/**
 * `npm run schema`: writes `schema.json` at the repository root from the code (see `./generate`).
 * `npm run schema -- --check` only compares, and fails when the file differs.
 */
import * as fs from "fs";
import * as path from "path";
import { schemaFileText } from "./generate";
import { repositoryRoot } from "./resources";

const file = path.join(repositoryRoot, "schema.json");
try {
  const text = schemaFileText();
  if (process.argv.includes("--check")) {
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
      console.error("schema.json is not what the code generates; run npm run schema and commit it");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
  }
} catch (error) {
  console.error(`schema: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
