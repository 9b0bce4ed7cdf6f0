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
