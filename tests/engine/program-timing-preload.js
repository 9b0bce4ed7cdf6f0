/**
 * Preloaded (`NODE_OPTIONS=--require`) into the node process of the ready program by hostile-preview.test.ts. Appends
 * `<mark> <process uptime in seconds>` lines to $KPOPS_TIMING_FILE: `imported` when program/index.ts has imported the
 * SDK (the program starts its work), `thrown` when the program module throws (the error the engine reports), `exit`.
 */
const fs = require("fs");
const Module = require("module");

const file = process.env.KPOPS_TIMING_FILE;
if (file) {
  const mark = (label) => fs.appendFileSync(file, `${label} ${process.uptime()}\n`);
  const load = Module._load;
  Module._load = function (request, parent) {
    const from = (parent && parent.filename) || "";
    const isProgram = /index\.ts$/.test(request) && /[\\/]program[\\/]run\.js$/.test(from);
    try {
      const result = load.apply(this, arguments);
      if (/[\\/]program[\\/]index\.ts$/.test(from) && /sdk[\\/]src[\\/]pulumi$/.test(request)) mark("imported");
      return result;
    } catch (error) {
      if (isProgram) mark("thrown");
      throw error;
    }
  };
  process.on("exit", () => mark("exit"));
}
