import { FAKE_SINK_CLASS, FakeKafkaConnect } from "../../../../tests/support/clients";
import { ServiceTimeoutError } from "../http/errors";
import { KafkaConnectClient } from "./client";
import { ConnectorNotFoundError, KafkaConnectError, RebalanceRetriesExhaustedError } from "./errors";
import { pluginNameOf, targetStateOf } from "./model";

const SINK_CONFIG = { "connector.class": FAKE_SINK_CLASS, topics: "words", file: "/tmp/words.txt" };
const FAST_RETRY = { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 };

describe("KafkaConnectClient", () => {
  let connect: FakeKafkaConnect;
  let client: KafkaConnectClient;

  beforeEach(async () => {
    connect = await FakeKafkaConnect.start();
    client = new KafkaConnectClient({ url: connect.url, timeoutSeconds: 5, rebalanceRetry: FAST_RETRY });
  });

  afterEach(async () => {
    await connect.stop();
  });

  it("creates a connector with name, config and initial state", async () => {
    const info = await client.createConnector("sink-a", SINK_CONFIG, "paused");

    const [post] = connect.http.received("POST", "/connectors");
    expect(post?.body).toEqual({ name: "sink-a", config: { ...SINK_CONFIG, name: "sink-a" }, initial_state: "PAUSED" });
    expect(post?.headers["content-type"]).toBe("application/json");
    expect(info).toMatchObject({ name: "sink-a", type: "sink", config: { ...SINK_CONFIG, name: "sink-a" } });
    expect(connect.connectors.get("sink-a")?.state).toBe("PAUSED");
  });

  it("omits initial_state when none is requested", async () => {
    await client.createConnector("sink-a", SINK_CONFIG);

    expect(connect.http.received("POST", "/connectors")[0]?.body).not.toHaveProperty("initial_state");
  });

  it("returns undefined for a missing connector and its status", async () => {
    expect(await client.getConnector("ghost")).toBeUndefined();
    expect(await client.getStatus("ghost")).toBeUndefined();
  });

  it("reads config and status of an existing connector", async () => {
    connect.seed("sink-a", SINK_CONFIG, "PAUSED");

    expect(await client.getConnector("sink-a")).toMatchObject({ name: "sink-a", config: { topics: "words" } });
    expect(await client.getStatus("sink-a")).toMatchObject({ connector: { state: "PAUSED", workerId: "127.0.0.1:8083" }, type: "sink" });
    expect(await client.listConnectors()).toEqual(["sink-a"]);
  });

  it("updates the config with PUT and keeps the name in it", async () => {
    connect.seed("sink-a", SINK_CONFIG);

    await client.updateConfig("sink-a", { ...SINK_CONFIG, topics: "words,letters" });

    const [put] = connect.http.received("PUT", "/connectors/sink-a/config");
    expect(put?.body).toEqual({ ...SINK_CONFIG, topics: "words,letters", name: "sink-a" });
    expect(connect.connectors.get("sink-a")?.config.topics).toBe("words,letters");
  });

  it("pauses, stops and resumes", async () => {
    connect.seed("sink-a", SINK_CONFIG);

    await client.pause("sink-a");
    expect(connect.connectors.get("sink-a")?.state).toBe("PAUSED");
    await client.stop("sink-a");
    expect(connect.connectors.get("sink-a")?.state).toBe("STOPPED");
    await client.resume("sink-a");
    expect(connect.connectors.get("sink-a")?.state).toBe("RUNNING");
    expect(connect.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /connectors/sink-a/pause",
      "PUT /connectors/sink-a/stop",
      "PUT /connectors/sink-a/resume",
    ]);
  });

  it("throws ConnectorNotFoundError when pausing a missing connector", async () => {
    await expect(client.pause("ghost")).rejects.toBeInstanceOf(ConnectorNotFoundError);
    await expect(client.pause("ghost")).rejects.toThrow(/pausing connector "ghost": HTTP 404 error_code 404: Connector ghost not found/);
  });

  it("deletes, and reports a missing connector as false", async () => {
    connect.seed("sink-a", SINK_CONFIG);

    expect(await client.deleteConnector("sink-a")).toBe(true);
    expect(connect.connectors.has("sink-a")).toBe(false);
    expect(await client.deleteConnector("sink-a")).toBe(false);
  });

  it("resets offsets of a stopped connector", async () => {
    connect.seed("sink-a", SINK_CONFIG, "STOPPED");

    await client.resetOffsets("sink-a");

    expect(connect.connectors.get("sink-a")?.offsetsResets).toBe(1);
    await expect(client.resetOffsets("ghost")).rejects.toBeInstanceOf(ConnectorNotFoundError);
  });

  it("validates a config against the plugin's simple name and lists field errors", async () => {
    const errors = await client.validateConfig({ "connector.class": FAKE_SINK_CLASS, name: "sink-a" });

    const [put] = connect.http.received("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate");
    expect(put?.body).toEqual({ "connector.class": FAKE_SINK_CLASS, name: "sink-a" });
    expect(errors).toEqual([{ field: "topics", message: "Must configure one of topics or topics.regex" }]);
    expect(await client.validateConfig({ ...SINK_CONFIG, name: "sink-a" })).toEqual([]);
  });

  it("turns a config rejected on create (400) into a KafkaConnectError naming the connector", async () => {
    const error = await client.createConnector("sink-a", { "connector.class": FAKE_SINK_CLASS }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KafkaConnectError);
    expect(error).toMatchObject({ status: 400, connector: "sink-a", errorCode: 400 });
    expect((error as Error).message).toMatch(/\[Kafka Connect\] creating connector "sink-a": HTTP 400 error_code 400: Connector configuration is invalid/);
  });

  it("turns 422 and 5xx answers into KafkaConnectErrors with the status", async () => {
    connect.http.override("PUT", "/connectors/sink-a/config", { status: 422, body: { error_code: 422, message: "Unprocessable" } });
    connect.http.override("GET", "/connectors/sink-a", { status: 503, body: { error_code: 503, message: "worker starting" } });

    await expect(client.updateConfig("sink-a", SINK_CONFIG)).rejects.toMatchObject({ status: 422, serviceMessage: "Unprocessable" });
    await expect(client.getConnector("sink-a")).rejects.toMatchObject({ status: 503, serviceMessage: "worker starting" });
  });

  it("retries a 409 rebalance answer and succeeds on the third attempt", async () => {
    const rebalance = { status: 409, body: { error_code: 409, message: "Cannot complete request because of a conflicting operation (e.g. worker rebalance)" } };
    connect.http.override("POST", "/connectors", rebalance, 2);

    await client.createConnector("sink-a", SINK_CONFIG);

    expect(connect.http.received("POST", "/connectors")).toHaveLength(3);
    expect(connect.connectors.has("sink-a")).toBe(true);
  });

  it("retries the 500 a worker answers while a rebalance is expected, and not another 500", async () => {
    // what Kafka Connect 3.x answered while ten connectors were created at once (bench:up on the local services)
    const expected = { status: 500, body: { error_code: 500, message: "Request cannot be completed because a rebalance is expected" } };
    connect.http.override("POST", "/connectors", expected, 1);
    await client.createConnector("sink-a", SINK_CONFIG);
    expect(connect.http.received("POST", "/connectors")).toHaveLength(2);
    expect(connect.connectors.has("sink-a")).toBe(true);

    connect.http.override("GET", "/connectors/sink-a", { status: 500, body: { error_code: 500, message: "Internal error" } }, 1);
    await expect(client.getConnector("sink-a")).rejects.toMatchObject({ status: 500, serviceMessage: "Internal error" });
    expect(connect.http.received("GET", "/connectors/sink-a")).toHaveLength(1);
  });

  it("gives up after the bounded number of 409 retries", async () => {
    const rebalance = { status: 409, body: { error_code: 409, message: "rebalance in progress" } };
    connect.http.override("DELETE", "/connectors/sink-a", rebalance, 100);

    const error = await client.deleteConnector("sink-a").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RebalanceRetriesExhaustedError);
    expect((error as Error).message).toMatch(/deleting connector "sink-a": HTTP 409: rebalance still in progress after 4 attempts/);
    expect(connect.http.received("DELETE")).toHaveLength(4);
  });

  it("does not retry the 409 that says the connector already exists", async () => {
    connect.seed("sink-a", SINK_CONFIG);

    await expect(client.createConnector("sink-a", SINK_CONFIG)).rejects.toMatchObject({ status: 409, serviceMessage: "Connector sink-a already exists" });
    expect(connect.http.received("POST")).toHaveLength(1);
  });

  it("sends basic auth; without it the 401 is an auth failure", async () => {
    connect.http.requireBasicAuth("connect", "s3cret");
    const authed = new KafkaConnectClient({ url: connect.url, username: "connect", password: "s3cret" });

    expect(await authed.listConnectors()).toEqual([]);
    expect(connect.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("connect:s3cret").toString("base64")}`);
    await expect(client.listConnectors()).rejects.toMatchObject({ status: 401, isAuthFailure: true });
  });

  it("times out when Kafka Connect never answers", async () => {
    connect.http.override("GET", "/connectors/sink-a/status", "hang");
    const impatient = new KafkaConnectClient({ url: connect.url, timeoutSeconds: 0.2 });

    await expect(impatient.getStatus("sink-a")).rejects.toBeInstanceOf(ServiceTimeoutError);
  });
});

describe("Kafka Connect model helpers", () => {
  it("maps live states onto target states", () => {
    expect(["RUNNING", "PAUSED", "STOPPED", "FAILED", undefined].map(targetStateOf)).toEqual(["running", "paused", "stopped", undefined, undefined]);
  });

  it("derives the plugin name KPOps uses from the class", () => {
    expect(pluginNameOf("io.confluent.connect.jdbc.JdbcSinkConnector")).toBe("JdbcSinkConnector");
  });
});
