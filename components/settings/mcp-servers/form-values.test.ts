import { describe, expect, it } from "vitest";
import type { McpServerSummary } from "@/server/mcp/server-entry";
import {
  emptyFormValues,
  formValuesFrom,
  newRow,
  toCreateInput,
  toUpdateInput,
  type FormValues,
} from "./form-values";

const stored: McpServerSummary = {
  name: "everything",
  description: "Reference",
  transport: "stdio",
  command: "node",
  args: ["server.js", "stdio"],
  envNames: ["API_KEY", "MODE"],
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

const withValues = (patch: Partial<FormValues>): FormValues => ({ ...emptyFormValues(), ...patch });

describe("toCreateInput", () => {
  it("turns the form into the API's entry: one argument per line, env rows as a map", () => {
    const env = [newRow("API_KEY"), newRow("EMPTY")];
    env[0]!.value = "secret";
    const result = toCreateInput(
      withValues({
        name: " fs ",
        command: "node",
        args: "server.js\n\n  --root=/data\r\n",
        env,
        cwd: " work ",
      }),
    );
    expect(result).toEqual({
      ok: true,
      input: {
        name: "fs",
        description: "",
        transport: "stdio",
        command: "node",
        args: ["server.js", "  --root=/data"],
        env: { API_KEY: "secret", EMPTY: "" },
        cwd: "work",
      },
    });
  });

  it("reports the shared schema's messages under their fields", () => {
    const result = toCreateInput(withValues({ name: "bad name", command: "" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toMatch(/letters, digits/);
    expect(result.errors.command).toBe("Enter the command to run.");
  });

  it("checks env rows one by one: invalid and repeated names, line breaks in values", () => {
    const rows = [newRow("1BAD"), newRow("OK"), newRow("OK")];
    rows[1]!.value = "a\nb";
    const result = toCreateInput(withValues({ name: "x", command: "node", env: rows }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[`env.${rows[0]!.id}.name`]).toBe("invalid environment variable name");
    expect(result.errors[`env.${rows[1]!.id}.value`]).toMatch(/line breaks/);
    expect(result.errors[`env.${rows[2]!.id}.name`]).toBe("This name appears twice.");
    // The row messages say it; no second, vaguer message for the whole map.
    expect(result.errors.env).toBeUndefined();
  });

  it("builds http entries with headers and checks the URL", () => {
    const headers = [newRow("Authorization")];
    headers[0]!.value = "Bearer t";
    expect(
      toCreateInput(withValues({ name: "web", transport: "http", url: "https://a.example/mcp", headers })),
    ).toEqual({
      ok: true,
      input: {
        name: "web",
        description: "",
        transport: "http",
        url: "https://a.example/mcp",
        headers: { Authorization: "Bearer t" },
      },
    });
    const bad = toCreateInput(withValues({ name: "web", transport: "sse", url: "ftp://a.example" }));
    expect(bad.ok ? null : bad.errors.url).toMatch(/http/);
  });
});

describe("toUpdateInput", () => {
  it("omits env when the stored names are untouched (the stored values stay)", () => {
    const values = formValuesFrom(stored);
    expect(values.env.map((row) => [row.name, row.value])).toEqual([
      ["API_KEY", ""],
      ["MODE", ""],
    ]);
    const result = toUpdateInput({ ...values, description: "Changed" }, stored);
    expect(result).toEqual({
      ok: true,
      input: {
        name: "everything",
        description: "Changed",
        transport: "stdio",
        command: "node",
        args: ["server.js", "stdio"],
      },
    });
  });

  it("sends null for a kept value, the typed value for a changed one, and drops removed rows", () => {
    const values = formValuesFrom(stored);
    const [apiKey] = values.env;
    const added = newRow("ADDED");
    added.value = "v";
    const result = toUpdateInput({ ...values, env: [{ ...apiKey!, value: "" }, added] }, stored);
    expect(result.ok && result.input.transport === "stdio" ? result.input.env : null).toEqual({
      API_KEY: null,
      ADDED: "v",
    });

    const typed = toUpdateInput({ ...values, env: [{ ...apiKey!, value: "new" }] }, stored);
    expect(typed.ok && typed.input.transport === "stdio" ? typed.input.env : null).toEqual({
      API_KEY: "new",
    });
  });

  it("asks for a value when a stored entry is renamed", () => {
    const values = formValuesFrom(stored);
    const renamed = { ...values.env[0]!, name: "RENAMED" };
    const result = toUpdateInput({ ...values, env: [renamed] }, stored);
    expect(result.ok ? null : result.errors[`env.${renamed.id}.value`]).toMatch(/renamed/);
  });

  it("never keeps stored values across a change of transport kind", () => {
    const values = formValuesFrom(stored);
    const result = toUpdateInput({ ...values, transport: "http", url: "https://a.example/mcp" }, stored);
    expect(result).toEqual({
      ok: true,
      input: {
        name: "everything",
        description: "Reference",
        transport: "http",
        url: "https://a.example/mcp",
        headers: {},
      },
    });
  });
});
