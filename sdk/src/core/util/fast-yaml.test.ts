import { parseSimpleYaml, UNSUPPORTED } from "./fast-yaml";
import { parseFullYaml } from "./yaml-file";

/** Same data and the same mapping key order. */
function sameOrdered(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe("the fast YAML subset reader", () => {
  it("reads block mappings, sequences, scalars and comments like the full reader", () => {
    const text = `# comment
- type: streams-app   # trailing comment
  name: "quoted # not a comment"
  values:
    image: registry/app:1.0.0
    count: 3
    ratio: 0.5
    neg: -1
    flag: true
    none: ~
    empty:
    list:
      - a
      - 'it''s'
      - key: v
        other: w
    same-indent-list:
    - x
    - "esc\\"aped\\n"
    topics: {}
    items: []
    url: http://host:8081
    template: \${pipeline.name}-\${component.name}
    pattern: .*
    exponent: 1e3
    octal-like: 0o17
    version: 3.6.1
    cron: 30 3/8 * * *
- type: producer-app
`;
    const fast = parseSimpleYaml(text);
    expect(fast).not.toBe(UNSUPPORTED);
    expect(sameOrdered(fast, parseFullYaml(text, "x"))).toBe(true);
  });

  it("gives up on everything outside the plain subset", () => {
    const unsupported = [
      "a: &x 1\nb: *x\n",
      "a: {b: 1}\n",
      "a: [1, 2]\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "a: yes\n",
      "a: on\n",
      "a: 0777\n",
      "a: 1:30\n",
      "a: 2024-01-01\n",
      "a: 1_000\n",
      "a: .5\n",
      "a: !tag x\n",
      "a: multi\n  line\n",
      "--- \na: 1\n",
      "? complex\n: v\n",
      "a: b: c\n",
      "- - nested\n",
      "a: 'unclosed\n",
      "1: numeric key\n",
      "just a scalar\n",
      "a:\tb\n",
      "<<: {a: 1}\n",
    ];
    for (const text of unsupported) expect([text, parseSimpleYaml(text)]).toEqual([text, UNSUPPORTED]);
  });
  // agreement on the corpora and on generated documents: fast-yaml.differential.test.ts
});
