import type { LanguageModelV3 } from "@ai-sdk/provider";
import { EngineError } from "@/server/engine/engine-error";
import { OFFLINE_MODELS, type OfflineModel, parseModelString } from "@/server/models/model-string";
import { createOfflineModel, type OfflineModelOptions } from "./create-offline-model";
import type { OfflineModelState } from "./offline-model-state";
import { type ScriptedReply, scriptedRepliesSchema } from "./scripted-replies";

export type ParsedOfflineModel =
  { ok: true; name: OfflineModel; options: OfflineModelOptions } | { ok: false; message: string };

const REPLIES_KEY = "replies";

/**
 * Splits the `replies` parameter (URL-encoded JSON array) off a model string, since the shared
 * model-string parser does not know it yet. Other strings come back unchanged.
 */
export function splitScriptedReplies(
  modelString: string,
): { ok: true; modelString: string; replies: ScriptedReply[] | undefined } | { ok: false; message: string } {
  const questionIndex = modelString.indexOf("?");
  if (questionIndex === -1) return { ok: true, modelString, replies: undefined };
  const base = modelString.slice(0, questionIndex);
  const kept: string[] = [];
  let replies: ScriptedReply[] | undefined;
  for (const pair of modelString.slice(questionIndex + 1).split("&")) {
    if (!pair.startsWith(`${REPLIES_KEY}=`)) {
      kept.push(pair);
      continue;
    }
    const parsed = parseReplies(pair.slice(REPLIES_KEY.length + 1));
    if (!parsed.ok) return { ok: false, message: `Model "${modelString}": ${parsed.message}` };
    replies = parsed.replies;
  }
  return { ok: true, modelString: kept.length === 0 ? base : `${base}?${kept.join("&")}`, replies };
}

function parseReplies(
  encoded: string,
): { ok: true; replies: ScriptedReply[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(encoded));
  } catch {
    return { ok: false, message: "replies must be a URL-encoded JSON array." };
  }
  const result = scriptedRepliesSchema.safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      message:
        "replies must be a JSON array of texts, { text }, { json }, { toolCall: { name, arguments } }, " +
        "{ toolCalls: [...] } or { error }.",
    };
  }
  return { ok: true, replies: result.data };
}

/** Parses a model string that names a built-in offline model, `scripted?replies=...` included. */
export function parseOfflineModelString(modelString: string): ParsedOfflineModel {
  const split = splitScriptedReplies(modelString);
  if (!split.ok) return split;
  const parsed = parseModelString(split.modelString);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const name = OFFLINE_MODELS.find((candidate) => candidate === parsed.model.model);
  if (parsed.model.provider !== "offline" || name === undefined) {
    return { ok: false, message: `"${modelString}" is not a built-in offline model.` };
  }
  if (split.replies !== undefined && name !== "scripted") {
    return {
      ok: false,
      message: `Model "${modelString}": replies only applies to the built-in "scripted" model.`,
    };
  }
  // splitScriptedReplies took the replies off the string and checked their shape already.
  const { replies: _unchecked, ...rest } = parsed.model.options;
  const options: OfflineModelOptions = { ...rest };
  if (split.replies !== undefined) options.replies = split.replies;
  return { ok: true, name, options };
}

/** The offline model a model string names, for one agent; throws EngineError when it names none. */
export function createOfflineModelFromString(
  modelString: string,
  state?: OfflineModelState,
): LanguageModelV3 {
  const parsed = parseOfflineModelString(modelString);
  if (!parsed.ok) throw new EngineError(parsed.message);
  return createOfflineModel(parsed.name, parsed.options, state);
}
