/**
 * Embedding a KPOps pipeline in a larger Pulumi stack: the namespace, the Kafka and Kafka Connect services and the
 * cluster provider belong to the surrounding stack, and the pipeline takes them as inputs - brokers and the
 * Connect URL are outputs of other resources, the Connect password a secret from stack config.
 */
import * as path from "path";
import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LoadedPipeline, Pipeline, ResourceBackend } from "../../sdk/src/pulumi";
import { ReleaseWorkloads } from "../../sdk/src/pulumi/providers";

/** Args of {@link embeddedStack}. */
export interface EmbeddedStackArgs {
  /** A loaded pipeline to deploy. @default the word-count example, loaded by the KPOps core */
  readonly pipeline?: LoadedPipeline;
  /** Kube context of the target cluster. @default the current context */
  readonly kubeContext?: string;
  /** Kafka Connect basic-auth password. @default undefined (no auth) */
  readonly connectPassword?: pulumi.Input<string>;
  /** Replaces resource factories and the broker lookup (tests record them). @default the real ones */
  readonly backend?: Partial<ResourceBackend>;
}

const wordCount = path.resolve(__dirname, "../word-count");

/** The surrounding stack plus the word-count pipeline, wired to it. */
export function embeddedStack(args: EmbeddedStackArgs = {}) {
  const cluster = new k8s.Provider("cluster", { context: args.kubeContext });
  const namespace = new k8s.core.v1.Namespace("kpops-examples", { metadata: { name: "kpops-examples" } }, { provider: cluster });

  // The platform's Kafka and Kafka Connect, exposed as services; their addresses are outputs.
  const kafkaService = new k8s.core.v1.Service(
    "kafka",
    { metadata: { name: "kafka", namespace: namespace.metadata.name }, spec: { ports: [{ port: 9092 }], selector: { app: "kafka" } } },
    { provider: cluster },
  );
  const connectService = new k8s.core.v1.Service(
    "kafka-connect",
    { metadata: { name: "kafka-connect", namespace: namespace.metadata.name }, spec: { ports: [{ port: 8083 }], selector: { app: "kafka-connect" } } },
    { provider: cluster },
  );
  const brokers = pulumi.interpolate`${kafkaService.metadata.name}.${kafkaService.metadata.namespace}.svc:9092`;
  const connectUrl = pulumi.interpolate`http://${connectService.metadata.name}.${connectService.metadata.namespace}.svc:8083`;

  const kafkaProvider = new kafka.Provider("platform-kafka", { bootstrapServers: [brokers], tlsEnabled: false });

  const pipeline = new Pipeline(
    "word-count",
    {
      pipeline: args.pipeline,
      path: args.pipeline === undefined ? path.join(wordCount, "pipelines/word-count/pipeline.yaml") : undefined,
      projectDir: wordCount,
      configDir: wordCount,
      kafkaProvider,
      kubernetesProvider: cluster,
      kafkaConnect: { url: connectUrl, username: "kpops", password: args.connectPassword },
      localChartsDir: path.resolve(__dirname, "../../charts"),
      // the releases' workload comparisons read the same cluster as `cluster` (a program cannot read a provider's settings)
      backend: { releaseWorkloads: (name, inputs, opts) => new ReleaseWorkloads(name, { ...inputs, context: args.kubeContext }, opts), ...args.backend },
    },
    { dependsOn: [namespace, kafkaService, connectService] },
  );
  return { cluster, namespace, kafkaProvider, brokers, connectUrl, pipeline };
}
