/**
 * Data safety: the topic guard refuses replacing changes (it sees the previous state, which a component cannot),
 * and topics/subjects are retained on delete unless deletion is explicitly allowed.
 */
import { dataResourceOptions, refusalMessage, topicGuardOperations, topicReplacementReasons } from "../../../sdk/src/pulumi/resources";

const shape = (partitions: number, replicationFactor = 3) => ({ topic: "orders", partitions, replicationFactor });
const check = (olds: object, news: object) => topicGuardOperations.check(olds as Record<string, unknown>, news as Record<string, unknown>);
const diff = (olds: object, news: object) => topicGuardOperations.diff(olds as Record<string, unknown>, news as Record<string, unknown>);

describe("topicReplacementReasons", () => {
  it("accepts unchanged and growing topics", () => {
    expect(topicReplacementReasons(shape(6), shape(6))).toEqual([]);
    expect(topicReplacementReasons(shape(6), shape(12))).toEqual([]);
  });

  it("names fewer partitions and another replication factor", () => {
    expect(topicReplacementReasons(shape(6), shape(3))).toEqual(["partitions 6 -> 3 (Kafka cannot remove partitions)"]);
    expect(topicReplacementReasons(shape(6, 3), shape(6, 1))).toEqual([
      expect.stringMatching(/^replication factor 3 -> 1/),
    ]);
  });
});

describe("the topic guard's check", () => {
  it("given a topic with 6 partitions, when the pipeline asks for 3, then preview fails with a clear message", async () => {
    const { failures } = await check({ ...shape(6), allowReplacement: false }, { ...shape(3), allowReplacement: false });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toContain(
      'kpops: refusing to replace Kafka topic "orders": partitions 6 -> 3 (Kafka cannot remove partitions). Replacing a topic deletes it with all its data.',
    );
  });

  it("refuses a replication factor change", async () => {
    expect((await check({ ...shape(6, 3) }, { ...shape(6, 2) })).failures[0]?.reason).toMatch(/replication factor 3 -> 2/);
  });

  it("accepts a new topic, growth, and a replacing change when replacement is allowed", async () => {
    expect((await check({}, shape(3))).failures).toEqual([]);
    expect((await check(shape(3), shape(4))).failures).toEqual([]);
    const allowed = await check({ ...shape(6), allowReplacement: false }, { ...shape(3), allowReplacement: true });
    expect(allowed.failures).toEqual([]);
    expect(allowed.inputs).toEqual({ ...shape(3), allowReplacement: true });
  });
});

describe("the topic guard of all a root's topics", () => {
  const topics = (orders: number, payments = 3) => ({ topics: { orders: { partitions: orders, replicationFactor: 3 }, payments: { partitions: payments, replicationFactor: 1 } } });

  it("refuses fewer partitions of any of its topics, naming each refused topic", async () => {
    const { failures } = await check({ ...topics(6, 3), allowReplacement: false }, { ...topics(3, 2), allowReplacement: false });
    expect(failures.map((f) => [f.property, f.reason.slice(0, f.reason.indexOf(". "))])).toEqual([
      ["topics", 'kpops: refusing to replace Kafka topic "orders": partitions 6 -> 3 (Kafka cannot remove partitions)'],
      ["topics", 'kpops: refusing to replace Kafka topic "payments": partitions 3 -> 2 (Kafka cannot remove partitions)'],
    ]);
  });

  it("accepts new and removed topics, growth, and a replacing change when replacement is allowed", async () => {
    expect((await check({}, topics(3))).failures).toEqual([]);
    expect((await check(topics(3), { topics: { orders: { partitions: 4, replicationFactor: 3 }, extra: { partitions: 1, replicationFactor: 1 } } })).failures).toEqual([]);
    expect((await check(topics(6), { ...topics(3), allowReplacement: true })).failures).toEqual([]);
  });

  it("checks the topics of a per-topic guard of an earlier version against the root's guard", async () => {
    const { failures } = await check({ ...shape(6), allowReplacement: false }, { ...topics(3), allowReplacement: false });
    expect(failures[0]?.reason).toMatch(/^kpops: refusing to replace Kafka topic "orders": partitions 6 -> 3/);
  });

  it("diffs the shapes whatever their order, and creates with a fixed id", async () => {
    const reordered = { topics: { payments: { partitions: 3, replicationFactor: 1 }, orders: { partitions: 6, replicationFactor: 3 } } };
    await expect(diff({ ...topics(6), allowReplacement: false }, { ...reordered, allowReplacement: false })).resolves.toEqual({ changes: false });
    await expect(diff({ ...topics(6), allowReplacement: false }, { ...topics(7), allowReplacement: false })).resolves.toEqual({ changes: true });
    await expect(topicGuardOperations.create({ ...topics(6), allowReplacement: false })).resolves.toEqual({ id: "topics", outs: { ...topics(6), allowReplacement: false } });
  });
});

describe("the topic guard's diff", () => {
  it("reports a change when replacement was allowed", async () => {
    await expect(diff({ ...shape(6), allowReplacement: false }, { ...shape(3), allowReplacement: true })).resolves.toEqual({ changes: true });
  });

  it("reports growth as a change and no change as none", async () => {
    await expect(diff({ ...shape(6), allowReplacement: false }, { ...shape(8), allowReplacement: false })).resolves.toEqual({ changes: true });
    await expect(diff({ ...shape(6), allowReplacement: false }, { ...shape(6), allowReplacement: false })).resolves.toEqual({ changes: false });
  });

  it("creates with the topic name as id and its inputs as state", async () => {
    await expect(topicGuardOperations.create({ ...shape(6), allowReplacement: false })).resolves.toEqual({
      id: "orders",
      outs: { ...shape(6), allowReplacement: false },
    });
  });

  it("says how to allow it", () => {
    expect(refusalMessage("t", ["x"])).toMatch(/allowTopicReplacement/);
  });
});

describe("dataResourceOptions", () => {
  it("retains topics on delete by default, without protect", () => {
    expect(dataResourceOptions()).toEqual({ retainOnDelete: true, protect: false });
  });

  it("protects when asked", () => {
    expect(dataResourceOptions({ protectTopics: true })).toEqual({ retainOnDelete: true, protect: true });
  });

  it("lets topics be deleted only with allowTopicDeletion, which also lifts protect", () => {
    expect(dataResourceOptions({ allowTopicDeletion: true, protectTopics: true })).toEqual({ retainOnDelete: false, protect: false });
  });
});
