/**
 * A small HTTP service that previews, deploys and destroys KPOps pipelines through the operations module
 * (`sdk/src/operations/managed`, the Automation API underneath): the operations as a service, with no CLI.
 *
 *   GET  /pipelines                       the pipelines of the project and their stacks
 *   POST /pipelines/<name>/preview        deploy --dry-run: the planned changes
 *   POST /pipelines/<name>/deploy         deploy --execute
 *   POST /pipelines/<name>/destroy        destroy --execute (topics and subjects are kept)
 *
 * A POST body may name `{"environment": "...", "steps": ["..."]}`. Answers are JSON: `exitCode`, `changes` (one per
 * resource), `failures` (step, resource, reason), `stacks`, and `log` (the progress lines). Operations run one at a
 * time (a stack has one writer at a time anyway). Run it with `node examples/automation-service/run.js PROJECT_DIR`.
 */
import * as http from "http";
import { KpopsLogger } from "../../sdk/src/core/log/kpops-log";
import { loadForOperation, managedOperation, stackName, type ManagedOperationName } from "../../sdk/src/operations/managed";

/** Options of {@link createService}. */
export interface ServiceOptions {
  /** The KPOps project folder (where `kpops` would run). */
  readonly projectDir: string;
  /** Pipeline files or folders, relative to `projectDir`. @default ["."] */
  readonly pipelinePaths?: readonly string[];
  /** The folder of `config.yaml`, relative to `projectDir`. @default "." */
  readonly configDir?: string;
  /** The environment of the operations (KPOPS_* settings, PULUMI_BACKEND_URL, ...). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** What a POST asks for. */
interface OperationBody {
  readonly environment?: string;
  readonly steps?: string[];
}

const ACTIONS: Record<string, { operation: ManagedOperationName; dryRun: boolean }> = {
  preview: { operation: "deploy", dryRun: true },
  deploy: { operation: "deploy", dryRun: false },
  destroy: { operation: "destroy", dryRun: false },
};

/** The HTTP server (not listening yet). */
export function createService(options: ServiceOptions): http.Server {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const load = (body: OperationBody) =>
    loadForOperation({
      projectDir: options.projectDir,
      pipelinePaths: options.pipelinePaths ?? ["."],
      configDir: options.configDir,
      environment: body.environment,
      steps: body.steps,
      env: options.env,
    });

  return http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      // one request per connection: an operation takes longer than any keep-alive, and a client reusing a socket
      // the server closed meanwhile would fail
      res.writeHead(status, { "content-type": "application/json", connection: "close" });
      res.end(`${JSON.stringify(body, null, 2)}\n`);
    };
    let text = "";
    req.on("data", (chunk) => (text += String(chunk)));
    req.on("end", () => {
      void (async () => {
        try {
          const url = new URL(req.url ?? "/", "http://service");
          if (req.method === "GET" && url.pathname === "/pipelines") {
            const loaded = load({});
            return reply(200, { pipelines: loaded.pipelines.map((p) => ({ name: p.name, file: p.file, stack: stackName(p.name ?? "", undefined), steps: p.components.map((c) => c.name) })) });
          }
          const match = /^\/pipelines\/([^/]+)\/(preview|deploy|destroy)$/.exec(url.pathname);
          if (req.method !== "POST" || match === null) return reply(404, { error: `no route ${req.method} ${url.pathname}` });
          const body = (text.trim() === "" ? {} : JSON.parse(text)) as OperationBody;
          const [, name, action] = match;
          const result = await serial(async () => {
            const loaded = load(body);
            const pipelines = loaded.pipelines.filter((p) => p.name === decodeURIComponent(name));
            if (pipelines.length === 0) return { status: 404, body: { error: `no pipeline '${name}' in the project` } };
            const log: string[] = [];
            const summary: string[] = [];
            const operation = await managedOperation({
              ...ACTIONS[action],
              pipelines,
              selection: loaded.selection.filter((p) => p.name === decodeURIComponent(name)),
              config: loaded.config,
              environment: body.environment,
              configDir: loaded.configDir,
              env: options.env,
              logger: new KpopsLogger({ colors: false, sink: (line) => log.push(line) }),
              out: { summary: (t) => summary.push(t), errors: (t) => summary.push(t) },
            });
            return { status: operation.exitCode === 0 ? 200 : 500, body: { ...operation, log, summary: summary.join("") } };
          });
          return reply(result.status, result.body);
        } catch (error) {
          return reply(400, { error: (error as Error).message });
        }
      })();
    });
  });
}
