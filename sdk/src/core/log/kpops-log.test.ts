/**
 * The KPOps 12 log format. The expected lines are KPOps 12.0.3's own output (its structlog set-up in
 * kpops/utils/logging.py, run in the reference venv of scripts/record-reference.sh), recorded once with this script
 * and pasted here, with and without NO_COLOR:
 *
 *   import io, json, logging, structlog
 *   from kpops.utils import logging as kl
 *   logging.getLogger().setLevel(logging.DEBUG); buf = io.StringIO(); kl._stream_handler.setStream(buf)
 *   topic = structlog.get_logger("KafkaTopic")
 *   with structlog.contextvars.bound_contextvars(pipeline="word-count"):
 *       for name in COMPONENTS:
 *           with structlog.contextvars.bound_contextvars(component_name=name): kl.log_action("Deploy")
 *       with structlog.contextvars.bound_contextvars(component_name="word-count-app"):
 *           topic.info("Config changes for topic", topic_name="t1", diff="  a: 1\n+ b: 2")
 *           topic.warning("warn line", partitions=3, flag=True, names=["x", "y"], nothing=None)
 *           kl.log.error("boom")
 *   print(json.dumps(buf.getvalue().splitlines()))
 */
import { colorsEnabled, crc32, formatLogLine, KpopsLogger } from "./kpops-log";

const COMPONENTS = ["data-producer", "word-count-app", "redis-sink-connector", "a", "b", "c", "d", "e", "f", "g"];

/** KPOps 12.0.3's lines, colours on (its default). */
const KPOPS_COLORED = [
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[92mdata-producer\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[93mword-count-app\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[95mredis-sink-connector\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[93ma\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[94mb\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[92mc\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[33md\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[32me\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[33mf\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[35mg\u001b[0m] \u001b[1mDeploy\u001b[0m",
  "[\u001b[32minfo     \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[93mword-count-app\u001b[0m] [\u001b[0m\u001b[1m\u001b[34mKafkaTopic\u001b[0m]\u001b[0m \u001b[1mConfig changes for topic\u001b[0m \u001b[36mtopic_name\u001b[0m=\u001b[35mt1\u001b[0m",
  "  a: 1",
  "+ b: 2",
  "[\u001b[33mwarning  \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[93mword-count-app\u001b[0m] [\u001b[0m\u001b[1m\u001b[34mKafkaTopic\u001b[0m]\u001b[0m \u001b[1mwarn line\u001b[0m \u001b[36mflag\u001b[0m=\u001b[35mTrue\u001b[0m \u001b[36mnames\u001b[0m=\u001b[35m['x', 'y']\u001b[0m \u001b[36mnothing\u001b[0m=\u001b[35mNone\u001b[0m \u001b[36mpartitions\u001b[0m=\u001b[35m3\u001b[0m",
  "[\u001b[31merror    \u001b[0m] [\u001b[0m\u001b[1mword-count\u001b[0m]\u001b[0m [\u001b[1m\u001b[93mword-count-app\u001b[0m] \u001b[1mboom\u001b[0m",
];

/** The same with NO_COLOR=1. */
const KPOPS_PLAIN = [
  "[info     ] [word-count] [data-producer] Deploy",
  "[info     ] [word-count] [word-count-app] Deploy",
  "[info     ] [word-count] [redis-sink-connector] Deploy",
  "[info     ] [word-count] [a] Deploy",
  "[info     ] [word-count] [b] Deploy",
  "[info     ] [word-count] [c] Deploy",
  "[info     ] [word-count] [d] Deploy",
  "[info     ] [word-count] [e] Deploy",
  "[info     ] [word-count] [f] Deploy",
  "[info     ] [word-count] [g] Deploy",
  "[info     ] [word-count] [word-count-app] [KafkaTopic] Config changes for topic topic_name=t1",
  "  a: 1",
  "+ b: 2",
  "[warning  ] [word-count] [word-count-app] [KafkaTopic] warn line flag=True names=['x', 'y'] nothing=None partitions=3",
  "[error    ] [word-count] [word-count-app] boom",
];

/** The script's calls, made through a KpopsLogger; returns the lines it wrote. */
function sameCalls(colors: boolean): string[] {
  const lines: string[] = [];
  const root = new KpopsLogger({ sink: (line) => lines.push(...line.split("\n")), level: "debug", colors });
  const pipeline = root.with({ pipeline: "word-count" });
  for (const name of COMPONENTS) pipeline.with({ component: name }).action("Deploy");
  const app = pipeline.with({ component: "word-count-app" });
  const topic = app.with({ logger: "KafkaTopic" });
  topic.info("Config changes for topic", { topic_name: "t1", diff: "  a: 1\n+ b: 2" });
  topic.warning("warn line", { partitions: 3, flag: true, names: ["x", "y"], nothing: null });
  app.error("boom");
  return lines;
}

describe("KPOps 12 log lines", () => {
  it("match KPOps 12.0.3's lines with NO_COLOR: [level] [pipeline] [component] [logger] event key=value, diff below", () => {
    expect(sameCalls(false)).toEqual(KPOPS_PLAIN);
  });

  it("match KPOps 12.0.3's coloured lines, each component in its stable colour", () => {
    expect(sameCalls(true)).toEqual(KPOPS_COLORED);
  });

  it("leave out the brackets of what is not known, as KPOps' root logger does", () => {
    expect(formatLogLine("info", "Picked up pipeline", {}, {}, { colors: false })).toBe("[info     ] Picked up pipeline");
    expect(formatLogLine("critical", "stop", { logger: "HelmApp" }, { release: "r" }, { colors: false })).toBe("[critical ] [HelmApp] stop release=r");
  });

  it("print info and above by default, debug only when asked (--verbose)", () => {
    const lines: string[] = [];
    new KpopsLogger({ sink: (l) => lines.push(l), colors: false }).debug("hidden");
    new KpopsLogger({ sink: (l) => lines.push(l), colors: false, level: "debug" }).debug("shown");
    new KpopsLogger({ sink: (l) => lines.push(l), colors: false, level: "warning" }).info("hidden too");
    expect(lines).toEqual(["[debug    ] shown"]);
  });

  it("are coloured unless NO_COLOR is set to something", () => {
    expect(colorsEnabled({})).toBe(true);
    expect(colorsEnabled({ NO_COLOR: "" })).toBe(true);
    expect(colorsEnabled({ NO_COLOR: "1" })).toBe(false);
  });

  it("use the CRC-32 zlib computes", () => {
    // the check value of CRC-32/ISO-HDLC for the ASCII digits 1..9
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});
