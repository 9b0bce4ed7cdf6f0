// The engine check program: one resource of each plugin the project relies on.
// Run by tests/engine/offline-preview.test.mjs through the Automation API with the offline environment.
"use strict";
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const k8s = require("@pulumi/kubernetes");
const kafka = require("@pulumi/kafka");

// A dynamic provider that answers without any service: enough to prove the shim and
// @pulumi/pulumi/cmd/dynamic-provider are found offline.
const echoProvider = {
  async create(inputs) {
    return { id: `echo-${inputs.text}`, outs: inputs };
  },
};

class Echo extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(echoProvider, name, args, opts);
  }
}

const echo = new Echo("echo", { text: "offline" });

// A broker on a closed loopback port: preview of a create never contacts it.
const kafkaProvider = new kafka.Provider("kafka", { bootstrapServers: ["127.0.0.1:9"], tlsEnabled: false });
const topic = new kafka.Topic(
  "words",
  { name: "engine-check-words", partitions: 3, replicationFactor: 1, config: { "cleanup.policy": "compact" } },
  { provider: kafkaProvider },
);

const release = new k8s.helm.v3.Release("hello", {
  chart: path.join(__dirname, "..", "charts", "hello"),
  namespace: "default",
  values: { message: "from the engine check" },
});

exports.echoText = echo.text;
exports.releaseName = release.name;
exports.topicName = topic.name;
