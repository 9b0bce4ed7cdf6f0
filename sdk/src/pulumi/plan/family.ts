import { EnrichedComponent } from "./enriched";

/**
 * The built-in component families of KPOps. A custom type (`filter`, `converter`, `my-producer-app`, ...)
 * belongs to the family of the built-in class it extends; the enriched dict does not say which class that
 * is, so {@link familyOf} decides from the type name and the dict's fields.
 */
export type ComponentFamily =
  | "streams-app"
  | "producer-app"
  | "consumer-app"
  | "helm-app"
  | "kafka-sink-connector"
  | "kafka-source-connector"
  | "pipeline-component";

/** The Pulumi type token of each family's component resource. */
export const FAMILY_TOKENS: Readonly<Record<ComponentFamily, string>> = {
  "streams-app": "kpops:index:StreamsApp",
  "producer-app": "kpops:index:ProducerApp",
  "consumer-app": "kpops:index:ConsumerApp",
  "helm-app": "kpops:index:HelmApp",
  "kafka-sink-connector": "kpops:index:KafkaSinkConnector",
  "kafka-source-connector": "kpops:index:KafkaSourceConnector",
  "pipeline-component": "kpops:index:PipelineComponent",
};

/** The streams-bootstrap chart generation an app uses: v3 (`values.kafka`) or the deprecated v2 (`values.streams`). */
export type StreamsBootstrapGeneration = "v3" | "v2";

const BUILT_INS: Readonly<Record<string, ComponentFamily>> = {
  "streams-app": "streams-app",
  "streams-app-v2": "streams-app",
  "producer-app": "producer-app",
  "producer-app-v2": "producer-app",
  "consumer-app": "consumer-app",
  "helm-app": "helm-app",
  "kafka-sink-connector": "kafka-sink-connector",
  "kafka-source-connector": "kafka-source-connector",
  "pipeline-component": "pipeline-component",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `values.kafka` (v3) or `values.streams` (v2) section of a streams-bootstrap app, if any. */
export function kafkaSection(step: EnrichedComponent): Record<string, unknown> | undefined {
  const values = step.values;
  if (!isRecord(values)) return undefined;
  if (isRecord(values.kafka)) return values.kafka;
  if (isRecord(values.streams)) return values.streams;
  return undefined;
}

/** v3 when the app's values hold `kafka`, v2 when they hold `streams`; undefined for non streams-bootstrap steps. */
export function streamsBootstrapGeneration(step: EnrichedComponent): StreamsBootstrapGeneration | undefined {
  const values = step.values;
  if (!isRecord(values)) return undefined;
  if (isRecord(values.kafka)) return "v3";
  if (isRecord(values.streams)) return "v2";
  return undefined;
}

const INPUT_KEYS = ["inputTopics", "inputPattern", "labeledInputTopics", "labeledInputPatterns", "extraInputTopics", "extraInputPatterns"];
const STREAMS_ONLY_KEYS = ["applicationId", "errorTopic", "deleteOutput"];
const PRODUCER_VALUE_KEYS = ["schedule", "deployment", "restartPolicy", "suspend", "backoffLimit"];

/**
 * Decides the family of a step.
 *
 * 1. A built-in type name wins.
 * 2. A dict with a connector `config` (`connector.class`) is a connector: `...source...` in the type, or no
 *    `topics`/`topics.regex` in the config, makes it a source connector; otherwise a sink.
 * 3. A dict with `values.kafka` / `values.streams` is a streams-bootstrap app. Type names ending in
 *    `producer`/`producer-app`, `consumer`/`consumer-app` or `streams-app` decide; else the values decide:
 *    `kafka.groupId` means consumer; input topics/patterns, `applicationId`, `errorTopic` or `statefulSet`
 *    mean streams app; cron/job fields (`schedule`, `deployment`, ...) mean producer; an app without any input
 *    is a producer, one with inputs and no `to` a consumer, else a streams app.
 * 4. Any other dict with `values` (and a Helm release name) is a plain Helm app.
 * 5. Everything else is a bare pipeline component (no resources of its own).
 */
export function familyOf(step: EnrichedComponent): ComponentFamily {
  const builtIn = BUILT_INS[step.type];
  if (builtIn !== undefined) return builtIn;

  const config = step.config;
  if (isRecord(config) && typeof config["connector.class"] === "string") {
    if (/source/i.test(step.type)) return "kafka-source-connector";
    if (/sink/i.test(step.type)) return "kafka-sink-connector";
    return config.topics !== undefined || config["topics.regex"] !== undefined ? "kafka-sink-connector" : "kafka-source-connector";
  }

  const kafka = kafkaSection(step);
  if (kafka !== undefined) {
    if (/(^|-)producer(-app)?(-v\d+)?$/.test(step.type)) return "producer-app";
    if (/(^|-)consumer(-app)?(-v\d+)?$/.test(step.type)) return "consumer-app";
    if (/(^|-)streams-app(-v\d+)?$/.test(step.type)) return "streams-app";
    const values = step.values ?? {};
    if (kafka.groupId !== undefined) return "consumer-app";
    const hasInputs = INPUT_KEYS.some((key) => kafka[key] !== undefined);
    if (STREAMS_ONLY_KEYS.some((key) => kafka[key] !== undefined) || values.statefulSet !== undefined) return "streams-app";
    if (PRODUCER_VALUE_KEYS.some((key) => values[key] !== undefined)) return "producer-app";
    if (!hasInputs) return "producer-app";
    const hasOutputs = step.to?.topics !== undefined && Object.keys(step.to.topics ?? {}).length > 0;
    return hasOutputs ? "streams-app" : "consumer-app";
  }

  if (isRecord(step.values) || step.helm_release_name !== undefined) return "helm-app";
  return "pipeline-component";
}

/** True for the three streams-bootstrap app families. */
export function isStreamsBootstrap(family: ComponentFamily): boolean {
  return family === "streams-app" || family === "producer-app" || family === "consumer-app";
}

/** True for the two connector families. */
export function isConnector(family: ComponentFamily): boolean {
  return family === "kafka-sink-connector" || family === "kafka-source-connector";
}
