// The schema provider of the operations test project: one Avro record per schema class name.
exports.schemaProvider = {
  provide(schemaClass) {
    const parts = schemaClass.split(".");
    return { schema: JSON.stringify({ type: "record", name: parts.pop(), namespace: parts.join("."), fields: [{ name: "line", type: "string" }] }) };
  },
};
