import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { abortError } from "@/server/engine/abort";
import type { OfflineReply } from "./offline-reply";
import { promptCharacters } from "./prompt-reading";
import { estimatedUsage, usageOf } from "./token-usage";

/** Computes the reply to one call; may wait (honouring `options.abortSignal`) or throw. */
export type OfflineResponder = (options: LanguageModelV3CallOptions) => Promise<OfflineReply>;

export type OfflineModelDefinition = {
  modelId: string;
  respond: OfflineResponder;
  /** `silent` reports zero usage; every other offline model estimates it. */
  reportsUsage: boolean;
};

const TEXT_ID = "text-0";

/**
 * Turns a responder into a real `LanguageModelV3`: the engine drives offline and provider models
 * through the same interface, streaming included, so there is one code path to test.
 */
export function createOfflineLanguageModel(definition: OfflineModelDefinition): LanguageModelV3 {
  const answer = async (options: LanguageModelV3CallOptions) => {
    if (options.abortSignal?.aborted) throw abortError(options.abortSignal);
    const reply = await definition.respond(options);
    const usage = definition.reportsUsage
      ? estimatedUsage(promptCharacters(options.prompt), replyCharacters(reply))
      : usageOf(0, 0);
    return { reply, usage };
  };

  return {
    specificationVersion: "v3",
    provider: "offline",
    modelId: definition.modelId,
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      const { reply, usage } = await answer(options);
      return { content: contentOf(reply), finishReason: finishReasonOf(reply), usage, warnings: [] };
    },
    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const { reply, usage } = await answer(options);
      const parts = streamPartsOf(definition.modelId, reply, usage);
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

function replyCharacters(reply: OfflineReply): string {
  return reply.text + reply.toolCalls.map((call) => call.toolName + call.input).join("");
}

function contentOf(reply: OfflineReply): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [];
  if (reply.text !== "") content.push({ type: "text", text: reply.text });
  for (const call of reply.toolCalls) content.push({ type: "tool-call", ...call });
  return content;
}

function finishReasonOf(reply: OfflineReply): LanguageModelV3FinishReason {
  return reply.toolCalls.length > 0
    ? { unified: "tool-calls", raw: "tool_use" }
    : { unified: "stop", raw: "end_turn" };
}

/** Word-sized pieces whose concatenation is exactly `text`, so streaming looks like a provider's. */
export function textChunks(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

function streamPartsOf(
  modelId: string,
  reply: OfflineReply,
  usage: LanguageModelV3Usage,
): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", modelId },
  ];
  if (reply.text !== "") {
    parts.push({ type: "text-start", id: TEXT_ID });
    for (const delta of textChunks(reply.text)) parts.push({ type: "text-delta", id: TEXT_ID, delta });
    parts.push({ type: "text-end", id: TEXT_ID });
  }
  for (const call of reply.toolCalls) parts.push({ type: "tool-call", ...call });
  parts.push({ type: "finish", usage, finishReason: finishReasonOf(reply) });
  return parts;
}
