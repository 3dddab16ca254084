import { describe, expect, it } from "vitest";
import { DecryptionError, decryptSecret, encryptSecret } from "@/server/crypto/encryption";

const SECRET = "a-server-secret-of-at-least-thirty-two-characters";

function flipFirstCharacter(part: string): string {
  return (part.startsWith("A") ? "B" : "A") + part.slice(1);
}

function tamper(ciphertext: string, index: number): string {
  const parts = ciphertext.split(".");
  parts[index] = flipFirstCharacter(parts[index] ?? "");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips text, including empty and non-ASCII text", () => {
    for (const plaintext of ["sk-test-1234567890", "", "ключ 🔑"]) {
      expect(decryptSecret(encryptSecret(plaintext, SECRET), SECRET)).toBe(plaintext);
    }
  });

  it("writes a versioned, compact, base64url format that never contains the plaintext", () => {
    const ciphertext = encryptSecret("sk-visible-plaintext", SECRET);
    expect(ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain("sk-visible-plaintext");
  });

  it("uses a fresh IV every time", () => {
    expect(encryptSecret("same", SECRET)).not.toBe(encryptSecret("same", SECRET));
  });

  it("rejects a changed IV, tag or ciphertext", () => {
    const ciphertext = encryptSecret("sk-test-1234567890", SECRET);
    for (const index of [1, 2, 3]) {
      expect(() => decryptSecret(tamper(ciphertext, index), SECRET)).toThrow(DecryptionError);
    }
  });

  it("rejects another server secret and another context", () => {
    const ciphertext = encryptSecret("sk-test", SECRET, "workspace-a:openai");
    expect(decryptSecret(ciphertext, SECRET, "workspace-a:openai")).toBe("sk-test");
    expect(() => decryptSecret(ciphertext, `${SECRET}-other`, "workspace-a:openai")).toThrow(DecryptionError);
    expect(() => decryptSecret(ciphertext, SECRET, "workspace-b:openai")).toThrow(DecryptionError);
  });

  it("rejects malformed input and unknown versions", () => {
    const ciphertext = encryptSecret("sk-test", SECRET);
    const [, iv, tag, data] = ciphertext.split(".");
    for (const bad of [
      "",
      "v1",
      "v1.a.b",
      `v2.${iv}.${tag}.${data}`,
      `v1.${iv}.${tag}.${data}.extra`,
      `v1.${iv}x.${tag}.${data}`,
      `v1.${iv}.${tag}.not+base64url`,
    ]) {
      expect(() => decryptSecret(bad, SECRET)).toThrow(DecryptionError);
    }
  });
});
