import "server-only";
import { createInProcessEventBus, type EventBus } from "@/server/events/bus";

const globalForBus = globalThis as typeof globalThis & { trellisEventBus?: EventBus };

/** The process's event bus (in-process: one instance). */
export function eventBus(): EventBus {
  globalForBus.trellisEventBus ??= createInProcessEventBus();
  return globalForBus.trellisEventBus;
}
