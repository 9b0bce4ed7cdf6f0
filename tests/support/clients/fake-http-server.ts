import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";

/**
 * Test double: a tiny HTTP server on 127.0.0.1 (port 0) that records every request and answers through a
 * handler. The service fakes (`fake-schema-registry.ts`, `fake-kafka-connect.ts`) build on it. For unit tests
 * only; real services come from the project's scripts.
 */

/** A request as the fake received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query, still percent-encoded. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, the raw text if it was not JSON, undefined if empty. */
  readonly body: unknown;
}

/** What a handler answers. `hang` never answers (to exercise client timeouts). */
export type FakeReply = { readonly status: number; readonly body?: unknown } | "hang";

/** Answers one request; the service fakes implement this. */
export type FakeHandler = (request: RecordedRequest) => FakeReply;

interface Override {
  readonly method: string;
  readonly path: string | RegExp;
  remaining: number;
  readonly reply: FakeReply;
}

/** A recording HTTP server with canned-answer overrides and optional basic auth. */
export class FakeHttpServer {
  /** Every request received, in order (including the ones answered by overrides or refused for auth). */
  readonly requests: RecordedRequest[] = [];
  private readonly overrides: Override[] = [];
  private expectedAuthorization?: string;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(handler: FakeHandler): Promise<FakeHttpServer> {
    let instance: FakeHttpServer | undefined;
    const server = createServer((req, res) => {
      void instance!.handle(req, res, handler);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    instance = new FakeHttpServer(server, `http://127.0.0.1:${port}`);
    return instance;
  }

  /** Answers the next `times` requests matching method and path with `reply`, before the handler sees them. */
  override(method: string, path: string | RegExp, reply: FakeReply, times = 1): this {
    this.overrides.push({ method, path, remaining: times, reply });
    return this;
  }

  /** From now on, refuses requests without these basic-auth credentials with HTTP 401. */
  requireBasicAuth(username: string, password: string): this {
    this.expectedAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    return this;
  }

  /** Requests with the given method (and path, if given), in order. */
  received(method: string, path?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (path === undefined || r.path === path));
  }

  /** Stops the server, dropping open and hanging connections. */
  async stop(): Promise<void> {
    for (const res of this.hanging) {
      res.destroy();
    }
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, handler: FakeHandler): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: req.headers,
      body: parseBody(text),
    };
    this.requests.push(recorded);
    let reply: FakeReply;
    if (this.expectedAuthorization !== undefined && req.headers.authorization !== this.expectedAuthorization) {
      reply = { status: 401, body: { error_code: 401, message: "Unauthorized" } };
    } else {
      reply = this.takeOverride(recorded) ?? safely(handler, recorded);
    }
    if (reply === "hang") {
      this.hanging.add(res);
      return;
    }
    const payload = reply.body === undefined ? "" : JSON.stringify(reply.body);
    res.writeHead(reply.status, payload ? { "content-type": "application/json" } : {});
    res.end(payload);
  }

  private takeOverride(request: RecordedRequest): FakeReply | undefined {
    const index = this.overrides.findIndex(
      (o) =>
        o.remaining > 0 &&
        o.method === request.method &&
        (typeof o.path === "string" ? o.path === request.path : o.path.test(request.path)),
    );
    if (index < 0) {
      return undefined;
    }
    const override = this.overrides[index]!;
    override.remaining -= 1;
    return override.reply;
  }
}

/**
 * Base of the service fakes (`fake-schema-registry.ts`, `fake-kafka-connect.ts`): a {@link FakeHttpServer} whose
 * requests, unless an override or the auth check takes them, the subclass answers in {@link FakeService.answer}.
 */
export abstract class FakeService {
  protected constructor(readonly http: FakeHttpServer) {}

  /** Starts a server on 127.0.0.1, port 0, and the fake `create` builds around it (for the subclasses' `start`). */
  protected static async startService<T extends FakeService>(create: (http: FakeHttpServer) => T): Promise<T> {
    let fake: T | undefined;
    const http = await FakeHttpServer.start((request) => fake!.answer(request));
    fake = create(http);
    return fake;
  }

  get url(): string {
    return this.http.url;
  }

  get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Answers one request as the service would. */
  protected abstract answer(request: RecordedRequest): FakeReply;
}

function safely(handler: FakeHandler, request: RecordedRequest): FakeReply {
  try {
    return handler(request);
  } catch (error) {
    return { status: 500, body: { error_code: 500, message: `fake failed: ${String(error)}` } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  if (text === "") {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
