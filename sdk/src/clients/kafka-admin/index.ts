export * from "./broker-defaults";
