/** The Pulumi layer: KPOps pipelines as Pulumi components. */
export * from "./components";
export * from "./source";
export * from "./plan";
export * from "./resources";
export * from "./schema-provider";
export * from "./services";
export * from "./program-config";
export * from "./stack-references";
