/**
 * Enriching one component, as KPOps does when a component is created:
 * 1. the step's own data wins over the merged defaults of its type chain;
 * 2. the result is validated (model defaults fill the gaps) and its `from`/`to` applied;
 * 3. its dump is substituted (phase B: `${component.*}`, `${config.*}`, topic name templates, ENV);
 * 4. the substituted data is validated again, custom validation runs, and `from`/`to` are applied.
 */
import type { ComponentClass, ComponentData, PipelineComponent } from "../components/base/pipeline-component";
import type { ComponentContext } from "../components/base/component-context";
import { deepMerge, isMapping } from "../defaults/deep-merge";
import { asKpopsError, KpopsError } from "../errors";
import { validateModel } from "../model/validate";
import { SubstitutionResolver, TreeLayer, type SubstitutionLayer } from "../substitution/resolver";

/** Keys accepted in component data but never part of it (KPOps' internal `enrich` / `validate` flags, `type`). */
const INTERNAL_KEYS = ["type", "enrich", "validate", "validate_"];

export interface EnrichmentEnvironment {
  /** Merged defaults for a class (shared between components: never modify it). */
  defaultsFor(cls: ComponentClass): Record<string, unknown>;
  /** `error_topic_name` / `output_topic_name` layer. */
  readonly topicNameLayer: SubstitutionLayer;
  /** `config.*` layer. */
  readonly configLayer: SubstitutionLayer;
  /** ENV layer (OS environment plus pipeline variables). */
  readonly envLayer: SubstitutionLayer;
}

export function enrichComponent<T extends PipelineComponent>(
  cls: ComponentClass<T>,
  raw: Record<string, unknown>,
  env: EnrichmentEnvironment,
  ctx: ComponentContext,
): T {
  const own = stripInternalKeys(raw);
  const merged = deepMerge(own, env.defaultsFor(cls));
  const first = instantiate(cls, merged, ctx);
  const dump = first.dump();
  const substituted = substituteComponent(dump, env);
  const computedKeys = Object.keys(first.computedFields());
  for (const key of [...INTERNAL_KEYS, ...computedKeys]) delete substituted[key];
  const component = instantiate(cls, substituted, ctx);
  const name = component.name;
  try {
    component.validateCustom();
  } catch (error) {
    throw asKpopsError(error, { step: name });
  }
  return component;
}

/** Validates data for `cls`, wraps it and applies its own `from` and `to`. */
function instantiate<T extends PipelineComponent>(cls: ComponentClass<T>, data: Record<string, unknown>, ctx: ComponentContext): T {
  const stepName = typeof data.name === "string" ? data.name : undefined;
  try {
    const component = new cls(validateFor(cls, data), ctx);
    component.setInputTopics();
    component.setOutputTopics();
    return component;
  } catch (error) {
    throw asKpopsError(error, { step: stepName });
  }
}

function validateFor(cls: ComponentClass, data: Record<string, unknown>): ComponentData {
  return validateModel(cls.modelSpec(), data);
}

function stripInternalKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!INTERNAL_KEYS.includes(key)) result[key] = value;
  return result;
}

/** Phase B substitution of one component dump. */
export function substituteComponent(dump: ComponentData, env: EnrichmentEnvironment): Record<string, unknown> {
  const componentLayer = new TreeLayer(dump, "component");
  const resolver = new SubstitutionResolver([componentLayer, env.topicNameLayer, env.configLayer, env.envLayer]);
  componentLayer.resolveKeysWith(resolver);
  const result = resolver.substituteTree(dump);
  if (!isMapping(result)) throw new KpopsError("component should be a mapping");
  return result;
}
