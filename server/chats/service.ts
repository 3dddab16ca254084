import "server-only";
import { z } from "zod";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { MAX_CHAT_MESSAGE_BYTES, type SendChatMessageInput } from "@/server/chats/chat-schemas";
import { Prisma } from "@/server/db/client";
import { isRecordId } from "@/server/db/ids";
import { scopedDb, type ScopedTransaction } from "@/server/db/scoped";
import { getDesign } from "@/server/designs/service";
import { createAgentMemory } from "@/server/engine/agent-memory";
import { messageSchema } from "@/server/engine/messages";
import type { RunStatus } from "@/server/events/schema";
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError } from "@/server/errors";
import { log } from "@/server/log";
import type { RunOutcome } from "@/server/runs/execute-run";
import { startRun, waitForRun } from "@/server/runs/service";
import type { RunView } from "@/server/runs/run-view";

const TITLE_LENGTH = 60;
const ACTIVE_STATUSES: RunStatus[] = ["queued", "running", "waiting_for_input"];
const memorySchema = z.record(z.string(), z.array(messageSchema));

export type ChatSummary = {
  id: string;
  designId: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  messageCount: number;
};

export type ChatMessageView = {
  id: string;
  position: number;
  role: "user" | "assistant";
  content: string;
  runId: string | null;
  /** The status of the turn's run (the user message's turn; null once the run is deleted). */
  runStatus: RunStatus | null;
  createdAt: Date;
};

/** api.md GET /api/v1/chats/:id: the session with its messages in order. */
export type ChatView = Omit<ChatSummary, "messageCount"> & {
  designName: string;
  /** The run of the turn still going, if any: its answer is not a message yet. */
  activeRunId: string | null;
  messages: ChatMessageView[];
};

export type ChatTurn = { chatId: string; run: RunView; message: ChatMessageView | null };

export async function createChat(caller: Caller, designId: string): Promise<ChatView> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot start chats.");
  const design = await getDesign(caller, designId);
  const chat = await scopedDb(caller).chatSession.create({
    data: { workspaceId: caller.workspaceId, designId: design.id, createdById: caller.userId },
  });
  return { ...summaryOf(chat), designName: design.name, activeRunId: null, messages: [] };
}

export async function listChats(caller: Caller, designId: string): Promise<ChatSummary[]> {
  await getDesign(caller, designId);
  const rows = await scopedDb(caller).chatSession.findMany({
    where: { designId },
    orderBy: { updatedAt: "desc" },
    take: 200,
    include: { _count: { select: { messages: true } } },
  });
  return rows.map((row) => ({ ...summaryOf(row), messageCount: row._count.messages }));
}

export async function getChat(caller: Caller, id: string): Promise<ChatView> {
  const row = isRecordId(id)
    ? await scopedDb(caller).chatSession.findUnique({
        where: { id },
        include: {
          design: { select: { name: true } },
          messages: { orderBy: { position: "asc" }, include: { run: { select: { status: true } } } },
          runs: { where: { status: { in: ACTIVE_STATUSES } }, select: { id: true }, take: 1 },
        },
      })
    : null;
  if (!row) throw new NotFoundError("Chat");
  return {
    ...summaryOf(row),
    designName: row.design.name,
    activeRunId: row.runs[0]?.id ?? null,
    messages: row.messages.map((message) => ({
      id: message.id,
      position: message.position,
      role: message.role,
      content: message.content,
      runId: message.runId,
      runStatus: message.run?.status ?? null,
      createdAt: message.createdAt,
    })),
  };
}

export async function deleteChat(caller: Caller, id: string): Promise<void> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot delete chats.");
  const chat = await getChat(caller, id);
  if (chat.activeRunId) throw new ConflictError("A turn of this chat is still running; wait or cancel it.");
  await scopedDb(caller).chatSession.delete({ where: { id: chat.id } });
}

/**
 * One turn: the user's message becomes a run of the chat's design whose agents remember the
 * session's earlier turns (those with useHistory); when the run ends, its answer is stored as
 * the assistant's message and, if it succeeded, the agents' memory is saved for the next turn.
 * One turn at a time: a message sent while a turn runs answers 409.
 */
export async function sendChatMessage(
  caller: Caller,
  chatId: string,
  input: SendChatMessageInput,
): Promise<ChatTurn> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot send chat messages.");
  if (new TextEncoder().encode(input.input).length > MAX_CHAT_MESSAGE_BYTES) {
    throw new PayloadTooLargeError(`A chat message is at most ${MAX_CHAT_MESSAGE_BYTES / 1024} KiB.`);
  }
  const chat = await getChat(caller, chatId);
  if (chat.activeRunId) throw new ConflictError("The previous turn is still running; wait for it to end.");
  const session = await scopedDb(caller).chatSession.findUniqueOrThrow({
    where: { id: chat.id },
    select: { memory: true },
  });
  const memory = memorySchema.safeParse(session.memory);
  if (!memory.success) log.warn("A chat's stored memory was unreadable; the turn starts afresh.", { chatId });

  let run: RunView;
  try {
    run = await startRun(
      caller,
      { designId: chat.designId, input: input.input },
      {
        chatId: chat.id,
        memory: createAgentMemory(memory.success ? memory.data : {}),
        onCreated: async (created, transaction) => {
          await appendMessage(transaction, chat.id, caller.workspaceId, "user", input.input, created.id);
          if (!chat.title) {
            await transaction.chatSession.update({
              where: { id: chat.id },
              data: { title: titleFrom(input.input) },
            });
          }
        },
        onEnded: (runId, outcome) => storeAnswer(caller, chat.id, runId, outcome),
      },
    );
  } catch (error) {
    // Two messages sent at once both take the next position: one wins, the other is told.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("The previous turn is still running; wait for it to end.");
    }
    throw error;
  }
  if (!input.wait) return { chatId: chat.id, run, message: null };
  const ended = await waitForRun(caller, run.id);
  const after = await getChat(caller, chat.id);
  const answer = after.messages.find((message) => message.role === "assistant" && message.runId === run.id);
  return { chatId: chat.id, run: ended, message: answer ?? null };
}

async function storeAnswer(caller: Caller, chatId: string, runId: string, outcome: RunOutcome) {
  const content =
    outcome.status === "succeeded"
      ? (outcome.output ?? "")
      : (outcome.error ?? `The turn ended: ${outcome.status}.`);
  await scopedDb(caller).$transaction(async (transaction) => {
    await appendMessage(transaction, chatId, caller.workspaceId, "assistant", content, runId);
    await transaction.chatSession.update({
      where: { id: chatId },
      data:
        outcome.status === "succeeded"
          ? { memory: outcome.memory.snapshot() as unknown as Prisma.InputJsonValue }
          : { updatedAt: new Date() },
    });
  });
}

async function appendMessage(
  transaction: ScopedTransaction,
  chatId: string,
  workspaceId: string,
  role: "user" | "assistant",
  content: string,
  runId: string,
): Promise<void> {
  const last = await transaction.chatMessage.findFirst({
    where: { chatId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  await transaction.chatMessage.create({
    data: { workspaceId, chatId, role, content, runId, position: (last?.position ?? 0) + 1 },
  });
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

function summaryOf(row: { id: string; designId: string; title: string; createdAt: Date; updatedAt: Date }) {
  return {
    id: row.id,
    designId: row.designId,
    title: row.title,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
