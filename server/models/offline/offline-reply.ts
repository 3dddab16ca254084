/** What an offline model answers for one call, before it is shaped into AI SDK parts. */
export type OfflineToolCall = {
  toolCallId: string;
  toolName: string;
  /** JSON-encoded arguments, as the language-model interface carries them. */
  input: string;
};

export type OfflineReply = {
  text: string;
  toolCalls: OfflineToolCall[];
};

export function textReply(text: string): OfflineReply {
  return { text, toolCalls: [] };
}
