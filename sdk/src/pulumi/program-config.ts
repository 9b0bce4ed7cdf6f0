/**
 * Stack config -> Project args, for the ready program (`/program/index.ts`, `Pulumi.yaml`). Keys (namespace
 * `kpops`):
 *
 * | key | meaning | default |
 * |---|---|---|
 * | `name` | logical name of the Project component (read by the program) | the project folder's name |
 * | `project` | KPOps project folder (KPOps' working directory) | `examples/word-count` |
 * | `pipelines` | pipeline files/folders, relative to `project` (JSON list or one path) | `["."]` (every `pipeline.yaml`) |
 * | `config` | folder of `config.yaml`, relative to `project` | `project` |
 * | `environment`, `dotenv` (list), `steps` (list), `filterType` | as `kpops generate` | unset |
 * | `localChartsDir` | local streams-bootstrap charts; empty string = the real bakdata repository | `charts` |
 * | `chartMirrors` | chart repository URL -> local folder or repository (`URL=MIRROR,...` or a JSON object; folders relative to the repository root); wins over `localChartsDir` | env `KPOPS_CHART_MIRRORS` |
 * | `brokers` | brokers for topic management (comma list) | the KPOps config's `kafka_brokers` |
 * | `kafkaTls`, `saslMechanism`, `saslUsername`, `saslPassword` (secret) | broker connection | TLS off, no SASL |
 * | `schemaRegistryUrl`, `schemaRegistryUsername`, `schemaRegistryPassword` (secret) | Schema Registry | KPOps config |
 * | `kafkaConnectUrl`, `kafkaConnectUsername`, `kafkaConnectPassword` (secret) | Kafka Connect | KPOps config |
 * | `schemaProvider` | schema provider module, relative to `project` | unset |
 * | `secretKeys` | connector config keys / Helm values paths to keep secret besides the built-in ones (list) | unset |
 * | `allowTopicDeletion`, `allowTopicReplacement`, `protectTopics` | data safety | false |
 * | `stackReferences` | other KPOps stacks whose steps `from.components` may read: `{"<name>": "<org>/<project>/<stack>"}` | unset |
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { CHART_MIRRORS_ENV, parseChartMirrors } from "../core/plan/chart-mirror";
import { ProjectArgs } from "./components/project";
import { ServiceConnectionArgs } from "./services";
import { checkStackReferences } from "./stack-references";

function list(config: pulumi.Config, key: string): string[] | undefined {
  const raw = config.get(key);
  if (raw === undefined || raw === "") return undefined;
  if (raw.trim().startsWith("[")) return config.requireObject<string[]>(key);
  return raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function service(config: pulumi.Config, prefix: string): ServiceConnectionArgs | undefined {
  const url = config.get(`${prefix}Url`);
  if (url === undefined) return undefined;
  return {
    url,
    username: config.get(`${prefix}Username`),
    password: config.getSecret(`${prefix}Password`),
  };
}

/** `kpops:chartMirrors`, else KPOPS_CHART_MIRRORS, as text with absolute folders (relative ones from `repoRoot`). */
function chartMirrors(config: pulumi.Config, repoRoot: string): string | undefined {
  const raw = config.get("chartMirrors") ?? process.env[CHART_MIRRORS_ENV];
  if (raw === undefined || raw.trim() === "") return undefined;
  const mirrors = parseChartMirrors(raw, repoRoot, config.get("chartMirrors") === undefined ? CHART_MIRRORS_ENV : "kpops:chartMirrors");
  return JSON.stringify(Object.fromEntries(mirrors.map((m) => [m.url, m.mirror])));
}

/** The Project args the stack config asks for; `repoRoot` anchors the defaults. */
export function projectArgsFromConfig(config: pulumi.Config, repoRoot: string): ProjectArgs {
  const projectDir = path.resolve(repoRoot, config.get("project") ?? "examples/word-count");
  const localCharts = config.get("localChartsDir") ?? "charts";
  const brokers = list(config, "brokers");
  return {
    projectDir,
    pipelinePaths: (list(config, "pipelines") ?? ["."]).map((p) => path.resolve(projectDir, p)),
    configDir: path.resolve(projectDir, config.get("config") ?? "."),
    environment: config.get("environment"),
    dotenvFiles: list(config, "dotenv")?.map((p) => path.resolve(projectDir, p)),
    steps: list(config, "steps"),
    filterType: config.get("filterType") as "include" | "exclude" | undefined,
    localChartsDir: localCharts === "" ? undefined : path.resolve(repoRoot, localCharts),
    chartMirrors: chartMirrors(config, repoRoot),
    kafka:
      brokers === undefined
        ? undefined
        : {
            bootstrapServers: brokers,
            tlsEnabled: config.getBoolean("kafkaTls") ?? false,
            saslMechanism: config.get("saslMechanism"),
            saslUsername: config.get("saslUsername"),
            saslPassword: config.getSecret("saslPassword"),
          },
    schemaRegistry: service(config, "schemaRegistry"),
    kafkaConnect: service(config, "kafkaConnect"),
    schemaProvider: config.get("schemaProvider") === undefined ? undefined : path.resolve(projectDir, config.require("schemaProvider")),
    secretKeys: list(config, "secretKeys"),
    allowTopicDeletion: config.getBoolean("allowTopicDeletion") ?? false,
    allowTopicReplacement: config.getBoolean("allowTopicReplacement") ?? false,
    protectTopics: config.getBoolean("protectTopics") ?? false,
    baseDir: projectDir,
  };
}

/**
 * Stack config `kpops:stackReferences` (a JSON object: reference name -> stack name), or undefined when unset. A
 * value that is not such an object is a KpopsError naming the key.
 */
export function stackReferencesFromConfig(config: pulumi.Config): Record<string, string> | undefined {
  const raw = config.get("stackReferences");
  if (raw === undefined || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return checkStackReferences(value, "stack config kpops:stackReferences");
}
