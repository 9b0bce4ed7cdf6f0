// Starts the automation service (server.ts, through tsx): node examples/automation-service/run.js PROJECT_DIR [PORT]
// The engine is found as bin/kpops finds it: the repository's cached Pulumi CLI and its PULUMI_HOME with the plugins.
const os = require("os");
const path = require("path");
require("tsx/cjs/api").register();
const root = path.resolve(__dirname, "..", "..");
const tools = path.join(process.env.KPOPS_TOOLS_CACHE || path.join(os.homedir(), ".cache", "kpops-pulumi"), "bin");
process.env.PATH = `${tools}${path.delimiter}${process.env.PATH || ""}`;
for (const [key, value] of Object.entries({
  PULUMI_HOME: path.join(root, ".pulumi-home"),
  PULUMI_SKIP_UPDATE_CHECK: "true",
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
  PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
})) if (process.env[key] === undefined) process.env[key] = value;
const { createService } = require("./server.ts");
const [projectDir = "examples/word-count", port = "8080"] = process.argv.slice(2);
const server = createService({ projectDir, pipelinePaths: ["pipelines"] });
server.listen(Number(port), "127.0.0.1", () => {
  process.stdout.write(`automation service for ${projectDir} on http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
