import { deepMerge, deepMergeAll } from "./deep-merge";

describe("deepMerge (KPOps' update_nested_pair)", () => {
  it("copies keys missing on the high side", () => {
    expect(deepMerge({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
  });

  it("merges nested mappings recursively, the high side winning", () => {
    expect(deepMerge({ values: { image: "mine" } }, { values: { image: "default", tag: "1" } })).toEqual({
      values: { image: "mine", tag: "1" },
    });
  });

  it("keeps an explicit null on the high side: it wipes the defaults subtree", () => {
    expect(deepMerge({ values: null }, { values: { image: "default" } })).toEqual({ values: null });
  });

  it("keeps a scalar on the high side over a mapping on the low side", () => {
    expect(deepMerge({ to: "x" }, { to: { topics: {} } })).toEqual({ to: "x" });
  });

  it("never merges lists: the high side wins wholesale", () => {
    expect(deepMerge({ l: [1] }, { l: [2, 3] })).toEqual({ l: [1] });
  });

  it("orders keys: high keys first, then keys added from low in their order", () => {
    const merged = deepMerge({ topics: { user: 1 } }, { topics: { d1: 2, user: 0, d2: 3 }, extra: 1 });
    expect(Object.keys(merged)).toEqual(["topics", "extra"]);
    expect(Object.keys(merged.topics as object)).toEqual(["user", "d1", "d2"]);
  });

  it("does not modify its inputs, and copies subtrees from low", () => {
    const low = { a: { b: { c: 1 } } };
    const high = { x: 1 };
    const merged = deepMerge(high, low);
    (merged.a as { b: { c: number } }).b.c = 2;
    expect(low.a.b.c).toBe(1);
    expect(high).toEqual({ x: 1 });
  });

  it("deepMergeAll gives the first mapping the highest priority", () => {
    expect(deepMergeAll({ a: 1 }, { a: 2, b: 2 }, { b: 3, c: 3 })).toEqual({ a: 1, b: 2, c: 3 });
  });
});
