export * from "./backend";
export * from "./safety";
export * from "./topic-guard";
export * from "./plan-values";
