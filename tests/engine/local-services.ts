/**
 * Real local services for the engine tests: start them with scripts/services/start.sh in a private folder,
 * read them over their own APIs, stop them with scripts/services/stop.sh.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../support/offline-engine";

/** The addresses start.sh prints (empty for services not started). */
export interface LocalServices {
  readonly dir: string;
  readonly KAFKA_BOOTSTRAP: string;
  readonly KAFKA_CONNECT_URL: string;
  readonly SCHEMA_REGISTRY_URL: string;
}

/**
 * Starts `which` (default: all three) on loopback in a new temporary folder; the registry keeps schemas in memory.
 * `env` adds settings of start.sh, e.g. `KAFKA_BROKER_PROPERTIES`.
 */
export function startServices(which: string[] = [], env: Record<string, string> = {}): LocalServices {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-engine-services-"));
  const out = execFileSync(path.join(repositoryRoot, "scripts/services/start.sh"), which, {
    env: { ...process.env, KPOPS_SERVICES_DIR: dir, SCHEMA_REGISTRY_STORAGE: "memory", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(out)?.[1]?.trim() ?? "";
  return { dir, KAFKA_BOOTSTRAP: value("KAFKA_BOOTSTRAP"), KAFKA_CONNECT_URL: value("KAFKA_CONNECT_URL"), SCHEMA_REGISTRY_URL: value("SCHEMA_REGISTRY_URL") };
}

/** Stops what {@link startServices} started and removes its data (logs are kept in its folder). */
export function stopServices(services: LocalServices | undefined): void {
  if (!services) return;
  execFileSync(path.join(repositoryRoot, "scripts/services/stop.sh"), [], {
    env: { ...process.env, KPOPS_SERVICES_DIR: services.dir },
    stdio: "inherit",
  });
}

/** GET a JSON document: status and parsed body. */
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The topic as the broker describes it (Kafka's own TopicCommand); throws when the topic does not exist. */
export function describeTopic(services: LocalServices, topic: string): string {
  const tool = path.join(repositoryRoot, "scripts/services/kafka-tool.sh");
  const args = ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--describe", "--topic", topic];
  return execFileSync(tool, args, {
    env: { ...process.env, KPOPS_SERVICES_DIR: services.dir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
