/** The schema provider of the connector project: one Avro record per schema class name. */
export const schemaProvider = {
  provide(schemaClass: string) {
    const name = schemaClass.split(".").pop();
    const namespace = schemaClass.split(".").slice(0, -1).join(".");
    return { schema: JSON.stringify({ type: "record", name, namespace, fields: [{ name: "line", type: "string" }] }) };
  },
};
