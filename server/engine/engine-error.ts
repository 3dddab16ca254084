/**
 * A failure of the design itself (an unknown agent, a model that cannot answer as configured),
 * as opposed to a bug. Its message is written for the person who drew the design, so the run
 * service shows it as it is.
 */
export class EngineError extends Error {
  override readonly name = "EngineError";
}
