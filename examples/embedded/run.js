// Entry of the embedded example (its Pulumi.yaml `main`). The program is TypeScript; it runs with tsx (a
// devDependency: fast, no type check) rather than the old ts-node that @pulumi/pulumi vendors, whatever the
// runtime's TypeScript setting. tsx's hooks are registered last, so they handle the .ts files.
require("tsx/cjs/api").register();
module.exports = require("./index.ts");
