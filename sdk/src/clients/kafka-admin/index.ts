export * from "./broker-defaults";
export * from "./topic-names";
