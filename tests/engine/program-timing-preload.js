/**
 * Preloaded (`NODE_OPTIONS=--require`) into the node process of the ready program by hostile-preview.test.ts. Appends
 * `<mark> <process uptime in seconds>` lines to $KPOPS_TIMING_FILE: `imported` when the program has loaded the SDK
 * (it starts its work), `thrown` when the program module throws (the error the engine reports), `exit`.
 *
 * program/run.js loads either the TypeScript (program/index.ts through tsx: `imported` is when index.ts's import of
 * sdk/src/pulumi returns) or the bundle scripts/build.sh makes (program/index.built.cjs, the SDK inside it: `imported`
 * is when the last package the bundle requires before failing was loaded).
 */
const fs = require("fs");
const Module = require("module");

const file = process.env.KPOPS_TIMING_FILE;
if (file) {
  const mark = (label, seconds = process.uptime()) => fs.appendFileSync(file, `${label} ${seconds}\n`);
  const load = Module._load;
  let bundleImported;
  Module._load = function (request, parent) {
    const from = (parent && parent.filename) || "";
    const isProgram = /^\.[\\/]index\.ts$|index\.built\.cjs$/.test(request) && /[\\/]program[\\/]run\.js$/.test(from);
    try {
      const result = load.apply(this, arguments);
      if (/[\\/]program[\\/]index\.ts$/.test(from) && /sdk[\\/]src[\\/]pulumi$/.test(request)) mark("imported");
      if (/[\\/]program[\\/]index\.built\.cjs$/.test(from)) bundleImported = process.uptime();
      return result;
    } catch (error) {
      if (isProgram) {
        if (bundleImported !== undefined) mark("imported", bundleImported);
        mark("thrown");
      }
      throw error;
    }
  };
  process.on("exit", () => mark("exit"));
}
