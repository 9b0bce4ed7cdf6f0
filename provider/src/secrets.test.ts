import { SECRET_SIGNATURE, SIGNATURE_KEY, OUTPUT_SIGNATURE, UNKNOWN, concealSecrets, revealSecrets, secretValue } from "./secrets";

describe("secrets on the wire", () => {
  it("given nested secrets, when revealed, then the values are plain and their paths are remembered", () => {
    const wire = { connectorName: "c", credentials: secretValue({ username: "u", password: "p" }), config: { a: "1", "connection.password": secretValue("pw") } };

    const { plain, secretPaths } = revealSecrets(wire);

    expect(plain).toEqual({ connectorName: "c", credentials: { username: "u", password: "p" }, config: { a: "1", "connection.password": "pw" } });
    expect(secretPaths).toEqual([["credentials"], ["config", "connection.password"]]);
  });

  it("reads output values: known ones as their value, unknown ones as the unknown marker, secret ones remembered", () => {
    const wire = { url: { [SIGNATURE_KEY]: OUTPUT_SIGNATURE, value: "http://x", secret: true }, later: { [SIGNATURE_KEY]: OUTPUT_SIGNATURE } };

    expect(revealSecrets(wire)).toEqual({ plain: { url: "http://x", later: UNKNOWN }, secretPaths: [["url"]] });
  });

  it("wraps the named places again, the outermost one only, skipping places without a value", () => {
    const outs = { credentials: { username: "u", password: "p" }, config: { "connection.password": "pw", a: "1" } };

    const wire = concealSecrets(outs, [["config", "connection.password"], ["credentials"], ["credentials", "password"], ["missing"]]);

    expect(wire).toEqual({
      credentials: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { username: "u", password: "p" } },
      config: { "connection.password": { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "pw" }, a: "1" },
    });
    expect(revealSecrets(wire).plain).toEqual(outs);
  });
});
