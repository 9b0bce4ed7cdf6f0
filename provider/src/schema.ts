/**
 * The schema the plugin serves: `schema.json` at the repository root, generated from the code by
 * `provider/src/schema/generate.ts` (`npm run schema`) and checked against it by the tests.
 */
import * as fs from "fs";
import * as path from "path";

/** Where `schema.json` is, from the plugin bundle (`provider/dist`) or the sources (`provider/src`). */
export const SCHEMA_PATH = path.resolve(__dirname, "..", "..", "schema.json");

/** The text of `schema.json`; one clear error when it is missing. */
export function schemaText(file: string = SCHEMA_PATH): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing; run npm run schema`);
  }
  return fs.readFileSync(file, "utf8");
}
