import "server-only";

/** The built-in offline models (semantics.md, "Built-in offline models"): no key, no network. */
export {
  createOfflineModel,
  createScriptedModel,
  DEFAULT_SLOW_DELAY_MS,
  type OfflineModelOptions,
} from "./create-offline-model";
export { offlineModelFactory } from "./offline-model-factory";
export { createOfflineModelState, type OfflineModelState } from "./offline-model-state";
export {
  createOfflineModelFromString,
  parseOfflineModelString,
  splitScriptedReplies,
  type ParsedOfflineModel,
} from "./offline-model-string";
export { CALL_TOOL_INDICATOR, FIXED_RESPONSE_INDICATOR } from "./passthrough-rules";
export { scriptedReplySchema, scriptedRepliesSchema, type ScriptedReply } from "./scripted-replies";
export { createTestModelFactory, type RecordedCall, type TestModelFactory } from "./test-model-factory";
