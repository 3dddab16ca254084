import type { Provider } from "@/server/models/model-string";

/** How the page names each provider (labels, headings, messages). */
export const PROVIDER_LABELS: Record<Provider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google",
  generic: "OpenAI-compatible",
};

/** What a run uses when the workspace sets no base URL (shown as the field's placeholder). */
export const PROVIDER_BASE_URL_PLACEHOLDERS: Record<Provider, string> = {
  openai: "https://api.openai.com/v1 (default)",
  anthropic: "https://api.anthropic.com/v1 (default)",
  google: "https://generativelanguage.googleapis.com/v1beta (default)",
  generic: "the server's GENERIC_BASE_URL, else http://localhost:11434/v1",
};

/** "set (…abcd)", "set" (short keys get no hint) or "not set": never the key. */
export function keyStatus(view: { hasKey: boolean; keyHint: string | null }): string {
  if (!view.hasKey) return "not set";
  return view.keyHint ? `set (…${view.keyHint})` : "set";
}
