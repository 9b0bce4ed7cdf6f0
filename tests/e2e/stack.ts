/**
 * A stack of the repository's Pulumi program for the end-to-end tests: the cached `pulumi` CLI on a file backend in
 * a work folder, pointed at a KPOps project and at the local services with the variables a KPOps user sets.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { initWorkStack, runPulumi, WorkStack } from "../engine/engine-env";
import { LocalServices } from "../engine/local-services";
import { repositoryRoot } from "../support/offline-engine";

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly diffReasons?: string[];
  readonly detailedDiff?: Record<string, { kind: string }>;
  readonly newState?: { type: string; inputs?: Record<string, any> };
  readonly oldState?: { type: string; outputs?: Record<string, any> };
}

/** The parsed `pulumi preview --json`, or the failure. */
export interface Preview {
  readonly status: number | null;
  readonly output: string;
  readonly steps: PreviewStep[];
  readonly changeSummary: Record<string, number>;
  /** The diagnostics' messages (errors and warnings). */
  readonly diagnostics: string[];
}

/** The variables through which the tests point a project at the services (KPOps' own `KPOPS_*` settings). */
export function serviceEnv(services: LocalServices): Record<string, string> {
  return {
    KUBECONFIG: services.KUBECONFIG,
    KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
    KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
    KPOPS_SCHEMA_REGISTRY__URL: services.SCHEMA_REGISTRY_URL,
    // the project's repo_config names bakdata's repository; the loopback repository serves the same charts
    KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${services.KPOPS_CHART_REPO_URL}`,
  };
}

/** A stack on one KPOps project. */
export class E2eStack {
  private readonly stack: WorkStack;

  constructor(
    private readonly work: string,
    readonly name: string,
    readonly projectDir: string,
    private readonly env: Record<string, string>,
    config: Record<string, string> = {},
  ) {
    this.stack = initWorkStack(work, name, env);
    // the real charts (through the chart mirror), not the repository's offline stand-ins
    for (const [key, value] of Object.entries({ "kpops:project": projectDir, "kpops:localChartsDir": "", ...config })) {
      this.must(this.stack.run("config", "set", key, value));
    }
  }

  private must(result: { status: number | null; output: string }): string {
    if (result.status !== 0) throw new Error(`pulumi failed in stack ${this.name}:\n${result.output}`);
    return result.output;
  }

  /** `pulumi up --yes` with extra flags; its status and output (not thrown on failure). */
  up(...flags: string[]): { status: number | null; output: string } {
    return this.stack.run("up", "--yes", "--skip-preview", ...flags);
  }

  /** `pulumi up --yes`; throws with the output when it fails. */
  mustUp(...flags: string[]): string {
    return this.must(this.up(...flags));
  }

  /** `pulumi destroy --yes`; throws with the output when it fails. */
  mustDestroy(): string {
    return this.must(this.stack.run("destroy", "--yes", "--skip-preview"));
  }

  /** `pulumi preview --json` with extra flags (e.g. `--refresh`). */
  preview(...flags: string[]): Preview {
    const configFile = path.join(this.work, `Pulumi.${this.name}.yaml`);
    const args = ["preview", "--json", ...flags, "--stack", this.name, "--non-interactive", "--config-file", configFile];
    const result = runPulumi(repositoryRoot, this.work, args, this.env);
    let parsed: any = {};
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      // a failed preview may print no JSON document
    }
    return { status: result.status, output: result.output, steps: parsed.steps ?? [], changeSummary: parsed.changeSummary ?? {},
      diagnostics: (parsed.diagnostics ?? []).map((d: { message: string }) => d.message),
    };
  }

  /** The stack's resources in its state. */
  resources() {
    return this.stack.resources();
  }

  /** Removes the stack (state and config) even when it still has resources. */
  remove(): void {
    this.stack.run("stack", "rm", "--yes", "--force");
  }
}

/** The last part of a step's URN: the resource's name. */
export function stepName(step: PreviewStep): string {
  return step.urn.split("::").pop()!;
}

/**
 * The steps of a preview that change something (not `same`, not the `refresh` reads of `--refresh`), as
 * `op type name` lines, sorted: what a reader of the preview sees.
 */
export function changes(preview: Preview): string[] {
  return preview.steps
    .filter((step) => step.op !== "same" && step.op !== "refresh")
    .map((step) => `${step.op} ${step.newState?.type ?? step.oldState?.type} ${stepName(step)}`)
    .sort();
}

/** Copies an example into `work` under its own folder name (the Project component is named after it). */
export function copyProject(source: string, work: string): string {
  const target = path.join(work, path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

/** Rewrites a file of a copied project. */
export function editFile(file: string, edit: (text: string) => string): void {
  const before = fs.readFileSync(file, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

/** The enriched pipeline `kpops generate` prints for the project (our CLI, conformance-tested against upstream). */
export function generate(projectDir: string, env: Record<string, string>): any[] {
  const result = spawnSync(path.join(repositoryRoot, "bin/kpops"), ["generate", "pipelines"], {
    cwd: projectDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`kpops generate failed:\n${result.stderr}`);
  return parseYaml(result.stdout);
}
