// Entry of the repository's Pulumi program (Pulumi.yaml `main`). The program is TypeScript (program/index.ts).
// scripts/build.sh bundles it with our SDK sources into program/index.built.cjs; that bundle is loaded when it is
// newer than every source it was built from (program/index.ts, sdk/src, sdk/package.json), which saves the program
// start the transpiling of each module (about 1.2 s wall and 1.8 s CPU on the 2-core machine). Otherwise (a source
// edited since the build, or no build) the TypeScript runs through tsx (a devDependency: fast, no type check)
// rather than the old ts-node that @pulumi/pulumi vendors; tsx's hooks are registered last, so they handle the .ts
// files.
const fs = require("fs");
const path = require("path");

const bundle = path.join(__dirname, "index.built.cjs");

/** The newest modification time of the TypeScript sources under `dir` (milliseconds). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sdk = path.join(__dirname, "..", "sdk");
    const inputs = [fs.statSync(path.join(__dirname, "index.ts")).mtimeMs, fs.statSync(path.join(sdk, "package.json")).mtimeMs, newestSource(path.join(sdk, "src"))];
    return inputs.every((mtime) => built >= mtime);
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  // The Pulumi SDK records a stack trace for each of its promises (runtime/debuggable.js), and the source-map
  // support its program runner installs rewrites every such trace through source maps: about a quarter of the
  // program's CPU time for a 200-step project. The bundle has no source map to apply, so V8's own formatting is
  // put back; stack traces still name the bundle's functions and lines.
  Error.prepareStackTrace = undefined;
  module.exports = require(bundle);
} else {
  require("tsx/cjs/api").register();
  module.exports = require("./index.ts");
}
