export * from "./backend";
export * from "./safety";
export * from "./topic-guard";
