/**
 * Loading custom component types from the module named by the config field `components_module`
 * (`KPOPS_COMPONENTS_MODULE`): a path (relative to the working directory) or a package name. A `.ts` module is
 * loaded through tsx's CommonJS register API, without a build step. Every exported component class counts.
 */
import { resolve } from "node:path";
import type { ComponentClass } from "./base/pipeline-component";
import { ComponentRegistry, isComponentClass } from "./registry";
import { KpopsError } from "../errors";

let tsxRegistered = false;

export function loadComponentsModule(spec: string, cwd = process.cwd()): ComponentClass[] {
  const looksLikePath = spec.startsWith(".") || spec.startsWith("/") || /\.[cm]?[jt]sx?$/.test(spec);
  let target: string;
  try {
    target = looksLikePath ? require.resolve(resolve(cwd, spec)) : require.resolve(spec, { paths: [cwd] });
  } catch {
    throw new KpopsError("components module not found", { file: spec, field: "components_module" });
  }
  if (/\.[cm]?tsx?$/.test(target) && !tsxRegistered) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsx = require("tsx/cjs/api") as { register: () => unknown };
    tsx.register();
    tsxRegistered = true;
  }
  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(target);
  } catch (error) {
    throw new KpopsError(`cannot load components module: ${(error as Error).message.split("\n")[0]}`, { file: spec, field: "components_module" });
  }
  const classes: ComponentClass[] = [];
  const candidates = typeof loaded === "object" && loaded !== null ? Object.values(loaded as Record<string, unknown>) : [loaded];
  if (typeof loaded === "object" && loaded !== null && "default" in loaded) {
    const fallback = (loaded as { default: unknown }).default;
    if (typeof fallback === "object" && fallback !== null) candidates.push(...Object.values(fallback as Record<string, unknown>));
  }
  for (const candidate of candidates) if (isComponentClass(candidate) && !classes.includes(candidate)) classes.push(candidate);
  return classes;
}

/** The built-in registry plus the classes of `componentsModule` (a built-in type name is never replaced). */
export function registryWithModule(componentsModule: string | null | undefined, cwd = process.cwd()): ComponentRegistry {
  const registry = new ComponentRegistry();
  if (!componentsModule) return registry;
  for (const cls of loadComponentsModule(componentsModule, cwd)) if (!registry.has(cls.type)) registry.register(cls);
  return registry;
}
