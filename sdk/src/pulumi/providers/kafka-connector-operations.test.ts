import { KafkaConnectClient, KafkaConnectConnection } from "../../clients/kafka-connect/client";
import { FAKE_SINK_CLASS, FakeHttpServer, FakeKafkaConnect } from "../../../../tests/support/clients";
import {
  KafkaConnectorInputs,
  KafkaConnectorOutputs,
  checkConnector,
  createConnector,
  deleteConnector,
  diffConnector,
  readConnector,
  updateConnector,
  validateConnectorForPreview,
} from "./kafka-connector-operations";
import { UNKNOWN_VALUE } from "./provider-support";

const SINK = { "connector.class": FAKE_SINK_CLASS, topics: "words", file: "/tmp/out.txt" };
const fastClients = (connection: KafkaConnectConnection) =>
  new KafkaConnectClient({ ...connection, rebalanceRetry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 10 } });

describe("KafkaConnector operations", () => {
  let connect: FakeKafkaConnect;
  let warnings: string[];
  const log = (message: string) => warnings.push(message);

  const inputs = (overrides: Partial<KafkaConnectorInputs> = {}): KafkaConnectorInputs => ({
    connectorName: "sink-a",
    config: { ...SINK, name: "sink-a" },
    connection: { url: connect.url, timeoutSeconds: 5 },
    ...overrides,
  });

  beforeEach(async () => {
    connect = await FakeKafkaConnect.start();
    warnings = [];
  });

  afterEach(async () => {
    await connect.stop();
  });

  describe("check", () => {
    it("normalises config values like KPOps and sets the name", async () => {
      const news = { connectorName: "sink-a", config: { ...SINK, "tasks.max": 2, "errors.tolerance.all": true, dropped: null }, connection: { url: `${connect.url}/` } };

      const { inputs: checked, failures } = await checkConnector({}, news, fastClients, log);

      expect(failures).toEqual([]);
      expect(checked.config).toEqual({ ...SINK, "tasks.max": "2", "errors.tolerance.all": "true", name: "sink-a" });
      expect(checked.connection).toEqual({ url: connect.url });
    });

    it("validates the config against the plugin and fails naming the connector and the field", async () => {
      const news = { connectorName: "sink-a", config: { "connector.class": FAKE_SINK_CLASS }, connection: { url: connect.url } };

      const { failures } = await checkConnector({}, news, fastClients, log);

      expect(failures).toEqual([
        { property: "config", reason: 'validating the config of connector "sink-a" found errors: topics: Must configure one of topics or topics.regex' },
      ]);
      const [validate] = connect.http.received("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate");
      expect(validate?.body).toEqual({ "connector.class": FAKE_SINK_CLASS, name: "sink-a" });
    });

    it("reports offline problems without asking the service", async () => {
      const news = { connectorName: "sink-a", config: { "connector.class": "NoDots", name: "other" }, state: "sleeping", connection: {} };

      const { failures } = await checkConnector({}, news, fastClients, log);

      expect(failures.map((f) => f.property)).toEqual(["config", "config", "state", "connection"]);
      expect(failures[1]?.reason).toBe('Connector name "other" in config should be the same as the connector name "sink-a"');
      expect(connect.requests).toHaveLength(0);
    });

    it("skips the service check when inputs are unknown or preflight checks are off", async () => {
      await checkConnector({}, { connectorName: "sink-a", config: { ...SINK, topics: UNKNOWN_VALUE }, connection: { url: connect.url } }, fastClients, log);
      await checkConnector({}, { connectorName: "sink-a", config: SINK, connection: { url: connect.url }, preflightChecks: false }, fastClients, log);

      expect(connect.requests).toHaveLength(0);
    });

    it("warns and goes on when Kafka Connect cannot be reached", async () => {
      const down = await FakeHttpServer.start(() => ({ status: 200 }));
      await down.stop();

      const { failures } = await checkConnector({}, { connectorName: "sink-a", config: SINK, connection: { url: down.url } }, fastClients, log);

      expect(failures).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Kafka Connect not reachable, config of connector "sink-a" not validated: \[Kafka Connect\] cannot reach the service/);
    });

    it("warns when Kafka Connect does not answer within the timeout", async () => {
      connect.http.override("GET", "/connectors/sink-a", "hang");

      const { failures } = await checkConnector({}, { connectorName: "sink-a", config: SINK, connection: { url: connect.url, timeoutSeconds: 0.2 } }, fastClients, log);

      expect(failures).toEqual([]);
      expect(warnings[0]).toMatch(/no answer within 0.2 s/);
    });

    it("fails on a 401: wrong credentials are not an unreachable service", async () => {
      connect.http.requireBasicAuth("u", "p");

      await expect(checkConnector({}, { connectorName: "sink-a", config: SINK, connection: { url: connect.url } }, fastClients, log)).rejects.toMatchObject({ status: 401 });
    });
  });

  describe("validateConnectorForPreview", () => {
    it("says whether the connector exists and lists the plugin's errors", async () => {
      connect.seed("sink-a", SINK);

      expect(await validateConnectorForPreview(inputs(), fastClients)).toEqual({ exists: true, errors: [] });
      expect(await validateConnectorForPreview(inputs({ connectorName: "sink-b", config: { "connector.class": FAKE_SINK_CLASS } }), fastClients)).toEqual({
        exists: false,
        errors: ["topics: Must configure one of topics or topics.regex"],
      });
    });
  });

  describe("diff", () => {
    const olds = () => ({ ...inputs(), connectorType: "sink", liveState: "RUNNING" });

    it("reports no change for the same inputs", async () => {
      expect(await diffConnector("sink-a", olds(), inputs() as never)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("updates in place when config or state change", async () => {
      expect(await diffConnector("sink-a", olds(), inputs({ config: { ...SINK, name: "sink-a", topics: "x" } }) as never)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
      expect(await diffConnector("sink-a", olds(), inputs({ state: "paused" }) as never)).toMatchObject({ changes: true, replaces: [] });
    });

    it("replaces on a new connector name, and on a new URL deleting first", async () => {
      expect(await diffConnector("sink-a", olds(), inputs({ connectorName: "sink-b" }) as never)).toEqual({ changes: true, replaces: ["connectorName"], deleteBeforeReplace: false });
      expect(await diffConnector("sink-a", olds(), inputs({ connection: { url: "http://elsewhere:8083" } }) as never)).toEqual({
        changes: true,
        replaces: ["connection"],
        deleteBeforeReplace: true,
      });
    });

    it("treats unknown config as a change without replacement", async () => {
      expect(await diffConnector("sink-a", olds(), { ...inputs(), config: UNKNOWN_VALUE } as never)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });
  });

  describe("create", () => {
    it("creates a new connector with its initial state", async () => {
      const { id, outs } = await createConnector(inputs({ state: "paused" }), fastClients);

      expect(id).toBe("sink-a");
      expect(connect.http.received("POST", "/connectors")[0]?.body).toEqual({ name: "sink-a", config: { ...SINK, name: "sink-a" }, initial_state: "PAUSED" });
      expect(outs).toMatchObject({ connectorName: "sink-a", connectorType: "sink", liveState: "PAUSED", state: "paused" });
      expect(connect.http.received("PUT")).toHaveLength(0);
    });

    it("adopts an existing connector by updating its config, never posting a second one", async () => {
      connect.seed("sink-a", { ...SINK, topics: "old" });

      const { outs } = await createConnector(inputs(), fastClients);

      expect(connect.http.received("POST")).toHaveLength(0);
      expect(connect.http.received("PUT", "/connectors/sink-a/config")[0]?.body).toEqual({ ...SINK, name: "sink-a" });
      expect(connect.connectors.get("sink-a")?.config.topics).toBe("words");
      expect(outs.liveState).toBe("RUNNING");
    });

    it("adopts an identical connector without a config PUT and applies the requested state", async () => {
      connect.seed("sink-a", SINK);

      await createConnector(inputs({ state: "stopped" }), fastClients);

      expect(connect.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /connectors/sink-a",
        "GET /connectors/sink-a/status",
        "PUT /connectors/sink-a/stop",
        "GET /connectors/sink-a/status",
      ]);
    });

    it("retries a create that meets a rebalance (409 twice, then created)", async () => {
      connect.http.override("POST", "/connectors", { status: 409, body: { error_code: 409, message: "rebalance" } }, 2);

      await createConnector(inputs(), fastClients);

      expect(connect.http.received("POST", "/connectors")).toHaveLength(3);
      expect(connect.connectors.has("sink-a")).toBe(true);
    });

    it("fails with a message naming the connector and the service's words on a 5xx", async () => {
      connect.http.override("POST", "/connectors", { status: 500, body: { error_code: 500, message: "Request timed out" } });

      await expect(createConnector(inputs(), fastClients)).rejects.toThrow('[Kafka Connect] creating connector "sink-a": HTTP 500 error_code 500: Request timed out');
    });

    it("leaves out what Kafka Connect does not say: outputs hold no undefined values (the engine refuses them)", async () => {
      // a real Connect 4.x may answer a create without `type`
      connect.http.override("POST", "/connectors", { status: 201, body: { name: "sink-a", config: { ...SINK, name: "sink-a" }, tasks: [] } });

      const { outs } = await createConnector(inputs(), fastClients);

      expect(Object.entries(outs).filter(([, v]) => v === undefined)).toEqual([]);
    });

    it("sends the credentials as basic auth", async () => {
      connect.http.requireBasicAuth("connect-user", "connect-pass");

      await createConnector(inputs({ credentials: { username: "connect-user", password: "connect-pass" } }), fastClients);

      expect(connect.connectors.has("sink-a")).toBe(true);
      expect(new Set(connect.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Basic ${Buffer.from("connect-user:connect-pass").toString("base64")}`]));
    });
  });

  describe("read", () => {
    it("reads config and state back, showing drift", async () => {
      connect.seed("sink-a", { ...SINK, topics: "changed-by-hand" }, "PAUSED");
      const props: KafkaConnectorOutputs = { ...inputs({ state: "running" }), connectorType: "sink", liveState: "RUNNING" };

      const result = await readConnector("sink-a", props, fastClients);

      expect(result.id).toBe("sink-a");
      expect(result.props).toMatchObject({ config: { topics: "changed-by-hand", name: "sink-a" }, state: "paused", liveState: "PAUSED" });
      expect(result.inputs).toMatchObject({ config: { topics: "changed-by-hand" }, state: "paused" });
      expect(result.inputs).not.toHaveProperty("liveState");
    });

    it("leaves state unset when the user does not manage it", async () => {
      connect.seed("sink-a", SINK, "PAUSED");

      const result = await readConnector("sink-a", inputs(), fastClients);

      expect(result.props).not.toHaveProperty("state");
      expect(result.props?.liveState).toBe("PAUSED");
    });

    it("returns an empty id when the connector is gone", async () => {
      expect(await readConnector("sink-a", inputs(), fastClients)).toEqual({ id: "" });
    });
  });

  describe("update", () => {
    it("PUTs a changed config", async () => {
      connect.seed("sink-a", SINK);

      const { outs } = await updateConnector("sink-a", inputs(), inputs({ config: { ...SINK, topics: "words,more" } }), fastClients);

      expect(connect.http.received("PUT", "/connectors/sink-a/config")[0]?.body).toEqual({ ...SINK, topics: "words,more", name: "sink-a" });
      expect(outs.config).toEqual({ ...SINK, topics: "words,more", name: "sink-a" });
    });

    it("does not touch the config when only the state changes, and walks running → paused → stopped → running", async () => {
      connect.seed("sink-a", SINK);
      const transitions: string[] = [];

      for (const state of ["paused", "stopped", "running"] as const) {
        const { outs } = await updateConnector("sink-a", inputs(), inputs({ state }), fastClients);
        transitions.push(`${state}:${outs.liveState}`);
      }

      expect(transitions).toEqual(["paused:PAUSED", "stopped:STOPPED", "running:RUNNING"]);
      expect(connect.http.received("PUT", "/connectors/sink-a/config")).toHaveLength(0);
      expect(connect.http.received("PUT").map((r) => r.path)).toEqual(["/connectors/sink-a/pause", "/connectors/sink-a/stop", "/connectors/sink-a/resume"]);
    });

    it("does not resume a failed connector (a resume does not restart it)", async () => {
      connect.seed("sink-a", SINK, "FAILED");

      const { outs } = await updateConnector("sink-a", inputs(), inputs({ state: "running" }), fastClients);

      expect(outs.liveState).toBe("FAILED");
      expect(connect.http.received("PUT")).toHaveLength(0);
    });

    it("surfaces a 422 from the config PUT", async () => {
      connect.seed("sink-a", SINK);
      connect.http.override("PUT", "/connectors/sink-a/config", { status: 422, body: { error_code: 422, message: "bad value" } });

      await expect(updateConnector("sink-a", inputs(), inputs({ config: { ...SINK, topics: "x" } }), fastClients)).rejects.toThrow(/updating the config of connector "sink-a": HTTP 422 error_code 422: bad value/);
    });
  });

  describe("delete", () => {
    it("deletes the connector", async () => {
      connect.seed("sink-a", SINK);

      await deleteConnector("sink-a", inputs(), fastClients, log);

      expect(connect.connectors.has("sink-a")).toBe(false);
      expect(warnings).toEqual([]);
    });

    it("warns and succeeds when the connector is already gone", async () => {
      await deleteConnector("sink-a", inputs(), fastClients, log);

      expect(warnings).toEqual(['connector "sink-a" does not exist in Kafka Connect; nothing to delete']);
    });

    it("retries a delete through a rebalance", async () => {
      connect.seed("sink-a", SINK);
      connect.http.override("DELETE", "/connectors/sink-a", { status: 409, body: { error_code: 409, message: "rebalance" } }, 2);

      await deleteConnector("sink-a", inputs(), fastClients, log);

      expect(connect.http.received("DELETE")).toHaveLength(3);
      expect(connect.connectors.has("sink-a")).toBe(false);
    });

    it("fails when Kafka Connect never answers", async () => {
      connect.seed("sink-a", SINK);
      connect.http.override("DELETE", "/connectors/sink-a", "hang");

      await expect(deleteConnector("sink-a", inputs({ connection: { url: connect.url, timeoutSeconds: 0.2 } }), fastClients, log)).rejects.toThrow(/no answer within 0.2 s/);
    });
  });
});
