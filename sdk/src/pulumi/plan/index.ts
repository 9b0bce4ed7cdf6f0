export * from "./enriched";
export * from "./errors";
export * from "./family";
export * from "./helm";
export * from "./settings";
export * from "./topics";
export * from "./plan";
