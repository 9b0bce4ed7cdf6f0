import { KpopsError } from "../errors";
import { StreamsApp } from "../components/streams-bootstrap/streams-app/streams-app";
import { ProducerApp } from "../components/streams-bootstrap/producer-app/producer-app";
import { KafkaSinkConnector } from "../components/base/kafka-connector";
import type { PipelineComponent } from "../components/base/pipeline-component";
import { BASE_DEFAULTS, generateIn, project } from "../../../../tests/support/test-project";

const values = (c: Record<string, unknown>) => c.values as Record<string, Record<string, unknown>>;
const kafka = (c: Record<string, unknown>) => values(c).kafka;

function pipelineOf(yaml: string, extra: Record<string, string> = {}) {
  return project({ "pipelines/defaults.yaml": BASE_DEFAULTS, "pipelines/team/app/pipeline.yaml": yaml, ...extra });
}

function errorOf(fn: () => unknown): KpopsError {
  try {
    fn();
  } catch (error) {
    return error as KpopsError;
  }
  throw new Error("no error thrown");
}

describe("pipeline names and variables", () => {
  it("derives the name from the directory under pipeline_base_dir, parts joined with -", () => {
    const root = pipelineOf(`- type: streams-app
  name: a
  values:
    labels:
      name: \${pipeline.name}
      parent: \${pipeline.parent.name}
      first: \${pipeline.name_0}
      second: \${pipeline.name_1}
      env: \${environment}
`);
    const [app] = generateIn(root, ["pipelines/team/app/pipeline.yaml"], { environment: "dev" });
    expect(app.prefix).toBe("team-app-");
    expect(values(app).labels).toEqual({ name: "team-app", parent: "team", first: "team", second: "app", env: "dev" });
  });

  it("fails when the pipeline sits directly in the base dir", () => {
    const root = project({ "pipelines/pipeline.yaml": "[]\n" });
    expect(() => generateIn(root, ["pipelines/pipeline.yaml"])).toThrow(/should not equal the pipeline-path/);
  });

  it("follows a symlinked pipeline file to its real directory", () => {
    const root = project(
      { "pipelines/defaults.yaml": BASE_DEFAULTS, "pipelines/real/pipeline.yaml": "- {type: streams-app, name: a}\n" },
      { "pipelines/link/pipeline.yaml": "../real/pipeline.yaml" },
    );
    expect(generateIn(root, ["pipelines/link/pipeline.yaml"])[0].prefix).toBe("real-");
  });

  it("discovers pipeline.yaml files in directories, sorted, concatenating the output", () => {
    const root = project({
      "pipelines/defaults.yaml": BASE_DEFAULTS,
      "pipelines/b/pipeline.yaml": "- {type: streams-app, name: b}\n",
      "pipelines/a/pipeline.yaml": "- {type: streams-app, name: a}\n",
      "pipelines/a/other.yaml": "- {type: streams-app, name: other}\n",
    });
    expect(generateIn(root, ["pipelines"]).map((c) => c.name)).toEqual(["a", "b"]);
  });
});

describe("discovery through symlinked directories", () => {
  it("lists a pipeline once per path that reaches it, sorted by path", () => {
    const root = project(
      { "pipelines/defaults.yaml": BASE_DEFAULTS, "pipelines/mid/pipeline.yaml": "- {type: streams-app, name: mid}\n", "pipelines/zeta/pipeline.yaml": "- {type: streams-app, name: zeta}\n" },
      { "pipelines/linked/mid-link": "../mid", "pipelines/zeta/loop": ".." },
    );
    expect(generateIn(root, ["pipelines"]).map((c) => `${c.prefix}${c.name}`)).toEqual(["mid-mid", "mid-mid", "zeta-zeta"]);
  });
});

describe("abstract base types as steps", () => {
  it("accepts kafka-app and pipeline-component steps with extra keys", () => {
    const root = pipelineOf("- {type: kafka-app, name: k, namespace: ns, values: {a: 1}}\n- {type: pipeline-component, name: p, custom: kept}\n");
    const [k, p] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(k).toEqual({ type: "kafka-app", name: "k", enabled: true, prefix: "team-app-", namespace: "ns", values: { a: 1 } });
    expect(p.custom).toBe("kept");
  });
});

describe("wiring", () => {
  it("feeds the previous step's unlabeled non-error outputs to a step without from", () => {
    const root = pipelineOf(`- type: producer-app
  name: p
  to:
    topics:
      out: {type: output}
      labeled: {label: l}
- type: streams-app
  name: s
  to:
    topics:
      s-out: {}
      s-err: {type: error}
- type: streams-app
  name: t
`);
    const [, s, t] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(kafka(s).inputTopics).toEqual(["out"]);
    expect(kafka(t).inputTopics).toEqual(["s-out"]);
  });

  it("does not wire a step that has any from, even an empty one", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {out: {type: output}}}}
- {type: streams-app, name: s, from: {}}
`);
    const [, s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(kafka(s).inputTopics).toBeUndefined();
    expect(s.from).toEqual({ topics: {}, components: {} });
  });

  it("reads from named components, as input, pattern or labeled", () => {
    const root = pipelineOf(`- {type: producer-app, name: a, to: {topics: {a-out: {type: output}}}}
- {type: producer-app, name: b, to: {topics: {b-out: {type: output}}}}
- {type: producer-app, name: c, to: {topics: {c-out: {type: output}}}}
- type: streams-app
  name: s
  from:
    components:
      a: {type: input}
      b: {type: pattern}
      c: {label: lab}
`);
    const s = generateIn(root, ["pipelines/team/app/pipeline.yaml"])[3];
    expect(kafka(s).inputTopics).toEqual(["a-out"]);
    expect(kafka(s).inputPattern).toBe("b-out");
    expect(kafka(s).labeledInputTopics).toEqual({ lab: ["c-out"] });
  });

  it("fails for a from.components reference that is not defined earlier", () => {
    const root = pipelineOf("- {type: streams-app, name: s, from: {components: {later: {}}}}\n- {type: streams-app, name: later}\n");
    expect(errorOf(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).message).toMatch(/step 's': field 'from.components.later': Component later not found/);
  });

  it("drops a disabled step before wiring: the next step reads from the one before it", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {p-out: {type: output}}}}
- {type: streams-app, name: disabled, enabled: false, to: {topics: {disabled-out: {type: output}}}}
- {type: streams-app, name: s}
`);
    const components = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(components.map((c) => c.name)).toEqual(["p", "s"]);
    expect(kafka(components[1]).inputTopics).toEqual(["p-out"]);
  });

  it("KPOps 12: a source connector after a step reads nothing, and the step after it reads the connector's topics", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {p-out: {type: output}}}}
- {type: kafka-source-connector, name: src, config: {connector.class: a.B}, to: {topics: {src-out: {type: output}}}}
- {type: producer-app, name: p2, to: {topics: {p2-out: {type: output}}}}
- {type: streams-app, name: s}
`);
    const components = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(components[1]).not.toHaveProperty("from");
    expect((components[1].config as Record<string, unknown>).topics).toBeUndefined();
    expect(kafka(components[2]).inputTopics).toBeUndefined();
    expect(kafka(components[3]).inputTopics).toEqual(["p2-out"]);
  });

  it("KPOps 12: `from` on a source connector is an error naming the step and the field", () => {
    const root = pipelineOf(`- {type: kafka-source-connector, name: src, config: {connector.class: a.B}, from: {topics: {x: {type: input}}}}
`);
    expect(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).toThrow(/step 'src'.*field 'from'/);
  });

  it("KPOps 12: a consumer-producer-app is wired like a streams-app, on the consumerproducer-app chart", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {p-out: {type: output}}}}
- type: consumer-producer-app
  name: cp
  version: 7.5.0
  values: {image: img, kafka: {groupId: g}}
  to: {topics: {cp-out: {type: output}, cp-err: {type: error}, cp-extra: {label: extra}}}
`);
    const components = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(components[1].type).toBe("consumer-producer-app");
    expect(kafka(components[1])).toMatchObject({ groupId: "g", inputTopics: ["p-out"], outputTopic: "cp-out", errorTopic: "cp-err", labeledOutputTopics: { extra: "cp-extra" } });
  });

  it("wires a sink connector: inputs to config.topics (comma string), pattern to topics.regex, error topic to the DLQ", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {t1: {type: output}}}}
- type: kafka-sink-connector
  name: sink
  config: {connector.class: io.x.Sink, tasks.max: 1, flag: true, topics: "t0,t1"}
  to: {topics: {dlq: {type: error}}}
`);
    const sink = generateIn(root, ["pipelines/team/app/pipeline.yaml"])[1];
    expect(sink.config).toEqual({
      "connector.class": "io.x.Sink",
      name: "team-app-sink",
      topics: "t0,t1",
      "errors.deadletterqueue.topic.name": "dlq",
      "tasks.max": "1",
      flag: "true",
    });
    expect(sink).not.toHaveProperty("namespace");
  });

  it("rejects a connector config name other than prefix+name", () => {
    const root = pipelineOf("- {type: kafka-sink-connector, name: sink, config: {connector.class: a.B, name: other}}\n");
    expect(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).toThrow(/Connector name 'other' should be the same as component name '\$\{pipeline.name\}-sink'/);
  });
});

describe("enrichment quirks", () => {
  it("appends defaults topics after user topics, so a defaults error topic wins as errorTopic", () => {
    const root = pipelineOf("- {type: streams-app, name: s, to: {topics: {user-err: {type: error}, out: {}}}}\n", {
      "pipelines/team/defaults.yaml": "streams-app:\n  to:\n    topics:\n      ${error_topic_name}: {type: error}\n",
    });
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(Object.keys((s.to as { topics: object }).topics)).toEqual(["user-err", "out", "team-app-s-error"]);
    expect(kafka(s).errorTopic).toBe("team-app-s-error");
    expect(kafka(s).outputTopic).toBe("out");
  });

  it("resolves ${component.*} before wiring: woven input topics are not visible to placeholders", () => {
    const root = pipelineOf(`- {type: producer-app, name: p, to: {topics: {p-out: {type: output}}}}
- type: streams-app
  name: s
  values:
    labels:
      inputs: \${component.values.kafka.inputTopics}
`);
    const s = generateIn(root, ["pipelines/team/app/pipeline.yaml"])[1];
    expect(values(s).labels).toEqual({ inputs: "None" });
    expect(kafka(s).inputTopics).toEqual(["p-out"]);
  });

  it("uses ${pipeline.name}, not the prefix, in ${output_topic_name}", () => {
    const root = pipelineOf("- {type: streams-app, name: s, prefix: my-, to: {topics: {'${output_topic_name}': {type: output}}}}\n");
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(kafka(s).outputTopic).toBe("team-app-s");
    expect(s.helm_release_name).toBe("my-s");
  });

  it("quirk: $$ is unescaped in the file text, then substituted again per component", () => {
    const root = pipelineOf("- {type: streams-app, name: s, values: {labels: {a: '$${component.name}', b: 'cost $$5'}}}\n");
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(values(s).labels).toEqual({ a: "s", b: "cost $5" });
  });

  it("keeps unknown placeholders and resolves environment variables in both phases", () => {
    const root = pipelineOf("- {type: streams-app, name: s, namespace: '${MY_NS}', values: {labels: {a: '${UNKNOWN}', b: $MY_NS}}}\n");
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"], { env: { MY_NS: "from-env" } });
    expect(s.namespace).toBe("from-env");
    expect(values(s).labels).toEqual({ a: "${UNKNOWN}", b: "from-env" });
  });

  it("an explicit null in the step wipes a defaults subtree", () => {
    const root = pipelineOf("- {type: streams-app, name: s, to: null}\n", {
      "pipelines/team/defaults.yaml": "streams-app:\n  to:\n    topics:\n      x: {type: output}\n",
    });
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(s).not.toHaveProperty("to");
  });

  it("takes a name from defaults (${component.type})", () => {
    const root = pipelineOf("- {type: streams-app}\n", { "pipelines/team/defaults.yaml": "pipeline-component:\n  name: ${component.type}\n" });
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"])[0].name).toBe("streams-app");
  });

  it("rejects producer error topics", () => {
    const root = pipelineOf("- {type: producer-app, name: p, to: {topics: {e: {type: error}}}}\n");
    expect(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).toThrow(/Producer apps do not support error topics/);
  });

  it("trims a CronJob producer's name override to 52 characters", () => {
    const name = "p".repeat(60);
    const root = pipelineOf(`- {type: producer-app, name: ${name}, values: {schedule: "0 * * * *"}}\n- {type: producer-app, name: q${name}}\n`);
    const [cron, job] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect((cron.helm_name_override as string).length).toBe(52);
    expect((cron.helm_release_name as string).length).toBe(53);
    expect((job.helm_name_override as string).length).toBe(63);
  });

  it("outputs type and name first, then fields, extras, and the computed Helm names last", () => {
    const root = pipelineOf("- {type: streams-app, name: s, zeta: 1, timeout: 5m}\n");
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect(Object.keys(s)).toEqual(["type", "name", "enabled", "prefix", "namespace", "values", "version", "timeout", "zeta", "helm_release_name", "helm_name_override"]);
    expect(values(s).statefulSet).toBe(false);
  });
});

describe("appendix quirks", () => {
  it("the last output topic in `to` wins as outputTopic", () => {
    const root = pipelineOf("- {type: streams-app, name: s, to: {topics: {first: {type: output}, second: {}}}}\n");
    expect(kafka(generateIn(root, ["pipelines/team/app/pipeline.yaml"])[0]).outputTopic).toBe("second");
  });

  it("a literal topic and a placeholder key resolving to the same name collapse; the later (defaults) entry wins", () => {
    const root = pipelineOf("- {type: streams-app, name: s, to: {topics: {team-app-s: {type: output, partitions_count: 1}}}}\n", {
      "pipelines/team/defaults.yaml": "streams-app:\n  to:\n    topics:\n      ${output_topic_name}: {type: output, partitions_count: 9}\n",
    });
    const [s] = generateIn(root, ["pipelines/team/app/pipeline.yaml"]);
    expect((s.to as { topics: Record<string, unknown> }).topics).toEqual({ "team-app-s": { type: "output", partitions_count: 9, configs: {} } });
  });

  it("statefulSet and autoscaling.enabled always appear; values follow model field order", () => {
    const root = pipelineOf("- {type: streams-app, name: s, values: {autoscaling: {maxReplicas: 2}, resources: {limits: {memory: 1G}, requests: {cpu: 100m}}}}\n");
    const v = values(generateIn(root, ["pipelines/team/app/pipeline.yaml"])[0]);
    expect(v.autoscaling).toEqual({ enabled: false, maxReplicas: 2 });
    expect(v.statefulSet).toBe(false);
    expect(Object.keys(v.resources)).toEqual(["requests", "limits"]);
  });

  it("connectors print `to` before `config` and `state`", () => {
    const root = pipelineOf("- {type: kafka-sink-connector, name: c, state: paused, config: {connector.class: a.B}, to: {topics: {dlq: {type: error}}}}\n");
    expect(Object.keys(generateIn(root, ["pipelines/team/app/pipeline.yaml"])[0])).toEqual(["type", "name", "enabled", "prefix", "to", "config", "state"]);
  });

  it("a plain helm-app generates, but has no chart (a subclass must provide helmChart)", async () => {
    const root = pipelineOf("- {type: helm-app, name: h, values: {a: 1}}\n");
    const { generate } = await import("../generate/generate");
    const { ComponentRegistry } = await import("../components/registry");
    const [pipeline] = generate({ pipelinePaths: ["pipelines/team/app/pipeline.yaml"], configDir: root, cwd: root, env: {}, registry: new ComponentRegistry() }).pipelines;
    const helmApp = pipeline.components[0] as unknown as { helmChart: string };
    expect(() => helmApp.helmChart).toThrow(/Please implement the helmChart property/);
  });
});

describe("environment pipeline files", () => {
  it("merges pipeline_<env>.yaml entries over steps of the same name and ignores unknown ones", () => {
    const root = pipelineOf("- {type: streams-app, name: s, values: {commandLine: {A: base, B: keep}}}\n- {type: streams-app, name: t}\n", {
      "pipelines/team/app/pipeline_dev.yaml":
        "- {type: streams-app, name: s, values: {commandLine: {A: dev}}}\n- {type: streams-app, name: unknown}\n- {type: streams-app, name: t, enabled: false}\n",
    });
    const components = generateIn(root, ["pipelines/team/app/pipeline.yaml"], { environment: "dev" });
    expect(components.map((c) => c.name)).toEqual(["s"]);
    expect(values(components[0]).commandLine).toEqual({ A: "dev", B: "keep" });
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"]).map((c) => c.name)).toEqual(["s", "t"]);
  });

  it("requires type and name in environment entries", () => {
    const root = pipelineOf("- {type: streams-app, name: s}\n", { "pipelines/team/app/pipeline_dev.yaml": "- {name: s}\n" });
    expect(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"], { environment: "dev" })).toThrow(
      /pipeline_dev\.yaml: step 's': field 'type': To override components per environment, every component should at least have a type and a name/,
    );
  });

  it("prefers defaults_<env>.yaml over defaults.yaml in the same directory", () => {
    const root = pipelineOf("- {type: streams-app, name: s}\n", {
      "pipelines/team/app/defaults.yaml": "streams-app: {namespace: plain}\n",
      "pipelines/team/app/defaults_dev.yaml": "streams-app: {namespace: dev}\n",
    });
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"], { environment: "dev" })[0].namespace).toBe("dev");
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"])[0].namespace).toBe("plain");
  });
});

describe("validation errors name the file, the step and the field", () => {
  it("unique names", () => {
    const root = pipelineOf("- {type: streams-app, name: s}\n- {type: streams-app, name: s}\n");
    const error = errorOf(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"]));
    expect(error.message).toBe("pipelines/team/app/pipeline.yaml: step 's': field 'name': Pipeline steps must have unique id, 's' already exists.");
  });

  it("cycles, naming the steps of the cycle", () => {
    const root = pipelineOf("- {type: streams-app, name: s, from: {topics: {x: {}}}, to: {topics: {x: {}}}}\n");
    expect(errorOf(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).message).toMatch(/step 's': Pipeline is not a valid DAG\./);
    const two = pipelineOf(`- {type: streams-app, name: head, to: {topics: {h: {type: output}}}}
- {type: streams-app, name: left, from: {topics: {a: {}, h: {}}}, to: {topics: {b: {type: output}}}}
- {type: streams-app, name: right, from: {topics: {b: {}}}, to: {topics: {a: {type: output}}}}
`);
    expect(errorOf(() => generateIn(two, ["pipelines/team/app/pipeline.yaml"])).message).toMatch(
      /Pipeline is not a valid DAG\. Cycle: (left -> topic-b -> right -> topic-a -> left|right -> topic-a -> left -> topic-b -> right|topic-\w -> .*)$/,
    );
  });

  it("Kubernetes names", () => {
    const root = pipelineOf("- {type: streams-app, name: Bad_Name}\n");
    expect(errorOf(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).message).toMatch(
      /step 'Bad_Name': field 'name': The component name Bad_Name is invalid for Kubernetes\./,
    );
  });

  it("unknown types, missing and wrong fields, YAML syntax", () => {
    const cases: [string, RegExp][] = [
      ["- {type: nope, name: x}\n", /step 'x': field 'type': unknown component type 'nope'/],
      ["- {type: streams-app, name: x, values: {image: null}}\n", /step 'x': field 'values.image': Input should be a valid string, got null/],
      ["- {type: streams-app, name: x, version: '2.9.0'}\n", /field 'version': When using the streams-bootstrap component your version \('2.9.0'\) must be at least 3.0.1/],
      ["- {type: streams-app, name: x, values: {resources: {limits: {cpu: '0.5'}}}}\n", /field 'values.resources.limits.cpu'/],
      ["- {type: streams-app, name: x, values: {streams: {}}}\n", /field 'values': streams-bootstrap v3 no longer supports 'streams' attribute/],
      ["- {type: streams-app, name: x, to: {topics: {t: {type: output, label: l}}}}\n", /field 'to.topics.t': Define `label` only if `type` is undefined/],
      ["- type: streams-app\n  name: [\n", /pipeline\.yaml: invalid YAML \(line \d+, column \d+\)/],
      ["- {type: streams-app}\n", /step '#1 \(streams-app\)': field 'name': Field required/],
    ];
    for (const [yaml, pattern] of cases) {
      const root = pipelineOf(yaml);
      expect(errorOf(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"])).message).toMatch(pattern);
    }
  });
});

describe("--steps filter", () => {
  const yaml = "- {type: streams-app, name: a}\n- {type: streams-app, name: b}\n- {type: streams-app, name: c}\n";
  it("includes or excludes by bare name after the whole pipeline is built", () => {
    const root = pipelineOf(yaml);
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"], { steps: ["a", "c"] }).map((c) => c.name)).toEqual(["a", "c"]);
    expect(generateIn(root, ["pipelines/team/app/pipeline.yaml"], { steps: ["a", "c"], filterType: "exclude" }).map((c) => c.name)).toEqual(["b"]);
    expect(kafka(generateIn(root, ["pipelines/team/app/pipeline.yaml"], { steps: ["c"] })[0])).toBeDefined();
  });
});

describe("custom components", () => {
  class SubApp extends StreamsApp {}
  class LeafApp extends SubApp {}
  class Exploding extends StreamsApp {
    override inflate(): PipelineComponent[] {
      return [this, this.ctx.build(KafkaSinkConnector, { name: `${this.name}-sink`, config: { "connector.class": "a.B" } })];
    }
  }
  class CheckedProducer extends ProducerApp {
    override validateCustom(): void {
      super.validateCustom();
      if (!this.name.startsWith("ok")) this.fail("name must start with ok", "name");
    }
  }

  it("get their type from the class name and defaults along their inheritance", () => {
    const root = pipelineOf("- {type: leaf-app, name: l}\n", {
      "pipelines/team/defaults.yaml": "sub-app:\n  namespace: from-sub\nstreams-app:\n  namespace: from-streams\n  values: {replicaCount: 2}\n",
    });
    const [leaf] = generateIn(root, ["pipelines/team/app/pipeline.yaml"], { classes: [SubApp, LeafApp] });
    expect(leaf.type).toBe("leaf-app");
    expect(leaf.namespace).toBe("from-sub");
    expect(values(leaf).replicaCount).toBe(2);
    expect(LeafApp.defaultsTypes()).toEqual([
      "leaf-app",
      "sub-app",
      "streams-app",
      "streams-bootstrap",
      "kafka-app",
      "helm-app",
      "kubernetes-app",
      "pipeline-component",
      "base-defaults-component",
    ]);
  });

  it("inflate into several components, each enriched and wired from the one before", () => {
    const root = pipelineOf("- {type: exploding, name: e, to: {topics: {e-out: {type: output}}}}\n");
    const [e, sink] = generateIn(root, ["pipelines/team/app/pipeline.yaml"], { classes: [Exploding] });
    expect(e.name).toBe("e");
    expect(sink.name).toBe("e-sink");
    expect((sink.config as Record<string, string>).topics).toBe("e-out");
  });

  it("run custom validation", () => {
    const root = pipelineOf("- {type: checked-producer, name: bad}\n");
    expect(() => generateIn(root, ["pipelines/team/app/pipeline.yaml"], { classes: [CheckedProducer] })).toThrow(/step 'bad': field 'name': name must start with ok/);
  });
});

describe("empty files", () => {
  it("deviation: an empty defaults.yaml holds no defaults (KPOps raises TypeError, even for the file its init writes)", () => {
    const root = project({ "pipelines/defaults.yaml": "", "pipelines/a/pipeline.yaml": "- {type: helm-app, name: x, namespace: n, values: {}}\n" });
    expect(generateIn(root, ["pipelines/a/pipeline.yaml"]).map((c) => c.name)).toEqual(["x"]);
  });

  it("as in KPOps, an empty pipeline.yaml is an error; `[]` is an empty pipeline", () => {
    const root = project({ "pipelines/a/pipeline.yaml": "", "pipelines/b/pipeline.yaml": "[]\n" });
    expect(() => generateIn(root, ["pipelines/a/pipeline.yaml"])).toThrow(/pipeline\.yaml: the pipeline definition should contain a list of components/);
    expect(generateIn(root, ["pipelines/b/pipeline.yaml"])).toEqual([]);
  });
});
