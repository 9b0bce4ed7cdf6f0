#!/usr/bin/env node
/**
 * Checks the serialised dynamic providers of KafkaConnector and SchemaSubject on the compiled package
 * (run `npm run build` first; plain node, not jest):
 *
 *  1. serialises each provider object with pulumi.runtime.serializeFunction, as dynamic.Resource does, prints the
 *     text and checks that it is small and captures nothing but the operations module's specifier;
 *  2. loads that text the way @pulumi/pulumi/cmd/dynamic-provider does (require-from-string, resolution from the
 *     process cwd) in a directory that has node_modules, and runs check/create/diff/update/read/delete against
 *     the local fakes (tests/support/clients, loaded through tsx: test helpers are not part of the package);
 *  3. loads it again from a directory without node_modules, to show the failure a consumer would see;
 *  4. with --engine: runs `pulumi up`, a state change, `refresh` and `destroy` of a two-resource program with the
 *     project's offline CLI (bin/pulumi), against the same fakes, and checks that the password never appears in
 *     the exported state.
 */
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFile } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "sdk", "dist");
const pulumi = require("@pulumi/pulumi");
const requireFromString = require(require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
const { kafkaConnectorProvider, schemaSubjectProvider } = require(path.join(dist, "pulumi/providers"));
const { FakeKafkaConnect, FakeSchemaRegistry, FAKE_SINK_CLASS } = require("tsx/cjs/api").require(path.join(root, "tests/support/clients/index.ts"), __filename);

const V1 = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }] });
const V2 = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }, { name: "n", type: "int", default: 0 }] });

function loadSerialised(text, cwd) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return requireFromString(text).handler();
  } finally {
    process.chdir(before);
  }
}

async function inCwd(cwd, fn) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

async function serialiseAndRun(connect, registry, programDir, bareDir) {
  const texts = {};
  for (const [name, provider] of [["KafkaConnector", kafkaConnectorProvider], ["SchemaSubject", schemaSubjectProvider]]) {
    const serialised = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    texts[name] = serialised.text;
    console.log(`---- serialised ${name} provider: ${serialised.text.length} characters, containsSecrets=${serialised.containsSecrets}`);
    console.log(serialised.text.split("\n").slice(0, 18).join("\n"));
    console.log("     […]");
    assert.ok(serialised.text.length < 4000, "provider text is small");
    assert.doesNotMatch(serialised.text, /undici|zod|class |Client\b/, "no client, class or third-party module captured");
    assert.match(serialised.text, /require\([A-Z_]+_OPERATIONS\)/, "delegates through require at run time");
  }

  // Run it as the dynamic-provider process would: from the program directory.
  const conn = loadSerialised(texts.KafkaConnector, programDir);
  const subj = loadSerialised(texts.SchemaSubject, programDir);
  await inCwd(programDir, async () => {
    const news = { connectorName: "serialised-sink", config: { "connector.class": FAKE_SINK_CLASS, topics: "words", "tasks.max": 1 }, state: "running", connection: { url: connect.url } };
    const checked = await conn.check({}, news);
    assert.deepEqual(checked.failures, []);
    const created = await conn.create(checked.inputs);
    assert.equal(created.id, "serialised-sink");
    assert.equal(connect.connectors.get("serialised-sink").config["tasks.max"], "1");
    const paused = { ...checked.inputs, state: "paused" };
    assert.deepEqual(await conn.diff(created.id, created.outs, paused), { changes: true, replaces: [], deleteBeforeReplace: false });
    await conn.update(created.id, created.outs, paused);
    assert.equal(connect.connectors.get("serialised-sink").state, "PAUSED");
    const read = await conn.read(created.id, { ...created.outs, state: "paused" });
    assert.equal(read.props.liveState, "PAUSED");
    await conn.delete(created.id, created.outs);
    assert.equal(connect.connectors.has("serialised-sink"), false);

    const subject = { subject: "serialised-value", schema: V1, connection: { url: registry.url } };
    const checkedSubject = await subj.check({}, subject);
    const madeSubject = await subj.create(checkedSubject.inputs);
    const updated = await subj.update(madeSubject.id, madeSubject.outs, { ...checkedSubject.inputs, schema: V2 });
    assert.equal(updated.outs.version, 2);
    await subj.delete(madeSubject.id, updated.outs);
    assert.equal(registry.hasSubject("serialised-value"), true, "subject kept without deleteOnDestroy");
  });
  console.log("---- loaded with require-from-string from", programDir, ": check/create/diff/update/read/delete worked against the fakes");

  const stranded = loadSerialised(texts.KafkaConnector, bareDir);
  const failure = await inCwd(bareDir, () => stranded.diff("x", {}, {}).then(() => undefined, (e) => e));
  assert.ok(failure && failure.code === "MODULE_NOT_FOUND");
  console.log(`---- from ${bareDir} (no node_modules) the same text fails at run time: ${failure.message.split("\n")[0]}`);
}

function run(cmd, args, options) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${cmd} ${args.join(" ")} failed:\n${stdout}\n${stderr}`));
      } else {
        resolve(stdout + stderr);
      }
    });
  });
}

async function engineRun(connect, registry, programDir) {
  const pulumiBin = path.join(root, "bin", "pulumi");
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-provider-state-"));
  // The dynamic-provider shim ships inside @pulumi/pulumi; the engine finds it on PATH.
  const shimDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const env = { ...process.env, PATH: `${shimDir}:${process.env.PATH}`, PULUMI_BACKEND_URL: `file://${state}`, PULUMI_CONFIG_PASSPHRASE: "check", PULUMI_HOME: path.join(root, ".pulumi-home") };
  fs.writeFileSync(path.join(programDir, "package.json"), JSON.stringify({ name: "kpops-provider-check", private: true, main: "index.js" }));
  fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: kpops-provider-check\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(programDir, "index.js"),
    `"use strict";
const pulumi = require("@pulumi/pulumi");
const { KafkaConnector, SchemaSubject } = require("@kpops/pulumi/dist/pulumi/providers");
const config = new pulumi.Config();
const connector = new KafkaConnector("sink", {
  connectorName: "engine-sink",
  config: {
    "connector.class": ${JSON.stringify(FAKE_SINK_CLASS)},
    topics: config.get("topics") || "words",
    "sink.password": config.requireSecret("sinkPassword"),
  },
  state: config.get("state"),
  connection: { url: config.require("connectUrl"), timeoutSeconds: 5 },
  credentials: { username: "connect-user", password: config.requireSecret("connectPassword") },
});
const subject = new SchemaSubject("words-value", {
  subject: "engine-words-value",
  schema: config.get("schema") || ${JSON.stringify(JSON.stringify(V1))},
  connection: { url: config.require("registryUrl") },
});
exports.liveState = connector.liveState;
exports.version = subject.version;
`,
  );
  const p = (...args) => run(pulumiBin, [...args, "--non-interactive"], { cwd: programDir, env });
  const stack = "check";
  await p("stack", "init", stack, "--secrets-provider", "passphrase");
  await p("config", "set", "--secret", "connectPassword", "s3cret-connect");
  await p("config", "set", "--secret", "sinkPassword", "s3cret-in-config");
  await p("config", "set", "connectUrl", "http://127.0.0.1:9");
  await p("config", "set", "registryUrl", "http://127.0.0.1:9");
  const offline = await p("preview");
  assert.match(offline, /Kafka Connect not reachable, config of connector "engine-sink" not validated/);
  assert.match(offline, /Schema Registry not reachable, compatibility of subject "engine-words-value" not checked/);
  console.log("---- pulumi preview with both services down: succeeds, with the two warnings");
  for (const line of offline.split("\n").filter((l) => /not reachable/.test(l)).slice(0, 2)) console.log(`     ${line.trim()}`);
  await p("config", "set", "connectUrl", connect.url);
  await p("config", "set", "registryUrl", registry.url);
  await p("preview");
  await p("up", "--yes");
  assert.equal(connect.connectors.get("engine-sink").state, "RUNNING");
  assert.equal(registry.versionsOf("engine-words-value").length, 1);
  console.log("---- pulumi up: connector created, subject registered");

  registry.setIncompatible("engine-words-value", ["READER_FIELD_MISSING_DEFAULT_VALUE n"]);
  await p("config", "set", "schema", JSON.stringify(V2));
  const refused = await p("preview").then((out) => out, (error) => error.message);
  assert.match(refused, /schema for subject "engine-words-value" is not compatible with its latest version: READER_FIELD_MISSING_DEFAULT_VALUE n/);
  assert.equal(registry.versionsOf("engine-words-value").length, 1);
  registry.clearIncompatible("engine-words-value");
  console.log("---- pulumi preview with an incompatible schema: fails with the registry's reason, nothing registered");

  await p("config", "set", "state", "paused");
  await p("config", "set", "topics", "words,letters");
  await p("config", "set", "schema", JSON.stringify(V2));
  const preview = await p("preview", "--diff");
  assert.match(preview, /~ .*engine|update/);
  await p("up", "--yes");
  assert.equal(connect.connectors.get("engine-sink").state, "PAUSED");
  assert.equal(connect.connectors.get("engine-sink").config.topics, "words,letters");
  assert.equal(registry.versionsOf("engine-words-value").length, 2);
  console.log("---- pulumi up (state paused, new topics, new schema): updated in place");

  connect.connectors.get("engine-sink").state = "RUNNING";
  await p("refresh", "--yes");
  const exported = await run(pulumiBin, ["stack", "export"], { cwd: programDir, env });
  const resources = JSON.parse(exported).deployment.resources;
  const stored = resources.find((r) => r.type === "pulumi-nodejs:dynamic/kpops:KafkaConnector");
  assert.equal(stored.outputs.liveState, "RUNNING");
  assert.equal(stored.outputs.state, "running");
  const drift = await p("preview", "--diff");
  assert.match(drift, /state\s*:\s*"running" => "paused"/);
  console.log("---- pulumi refresh: drift (connector resumed by hand) read back; the next preview plans running => paused");

  assert.doesNotMatch(exported, /s3cret-connect/, "password not in state in plain text");
  assert.doesNotMatch(exported, /s3cret-in-config/, "a secret inside the connector config not in state in plain text");
  assert.match(JSON.stringify(stored.outputs.credentials), /4dabf18193072939515e22adb298388d/, "credentials stored as a secret");
  assert.match(JSON.stringify(stored.inputs.credentials), /4dabf18193072939515e22adb298388d/, "credential inputs stored as a secret");
  console.log("---- stack export (after refresh): credentials and a secret connector config value appear only as ciphertext");

  await p("destroy", "--yes");
  assert.equal(connect.connectors.has("engine-sink"), false);
  assert.equal(registry.hasSubject("engine-words-value"), true);
  console.log("---- pulumi destroy: connector deleted, subject kept");
  await p("stack", "rm", stack, "--yes");
  fs.rmSync(state, { recursive: true, force: true });
}

(async () => {
  const connect = await FakeKafkaConnect.start();
  const registry = await FakeSchemaRegistry.start();
  const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-provider-program-"));
  const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-provider-bare-"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(programDir, "node_modules"));
  try {
    await serialiseAndRun(connect, registry, programDir, bareDir);
    if (process.argv.includes("--engine")) {
      connect.http.requireBasicAuth("connect-user", "s3cret-connect");
      await engineRun(connect, registry, programDir);
    }
    console.log("OK");
  } finally {
    await connect.stop();
    await registry.stop();
    fs.rmSync(programDir, { recursive: true, force: true });
    fs.rmSync(bareDir, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
