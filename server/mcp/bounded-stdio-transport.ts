import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { McpConnectionError } from "@/server/mcp/connection";
import { spawnProcessGroup, type ProcessGroup } from "@/server/mcp/process-group";
import type { StdioLaunch } from "@/server/mcp/safety/stdio-policy";

export type BoundedStdioTransportOptions = {
  /** The registry name, for messages. */
  name: string;
  /** Largest stdout line (one JSON-RPC message) accepted; a longer one closes the connection. */
  maxMessageBytes: number;
  /** How much of stderr is kept for error messages (the end of it). */
  stderrTailBytes?: number;
  /** Between SIGTERM and SIGKILL when closing. */
  killGraceMs?: number;
};

const DEFAULT_STDERR_TAIL_BYTES = 8 * 1024;
/** How long an unexpected exit waits for the last stderr output before it is reported. */
const EXIT_DRAIN_MS = 200;
const NEWLINE = 0x0a;

/**
 * The stdio client transport of Trellis (instead of the SDK's StdioClientTransport): one JSON-RPC
 * message per line, each line bounded by `maxMessageBytes`; an oversize line or one that is not
 * JSON-RPC closes the connection with a "protocol" McpConnectionError instead of growing memory or
 * being skipped. The server runs in its own process group (see process-group.ts): close() ends the
 * whole group and resolves once it is gone. The end of stderr is kept for error messages. An
 * unexpected exit is recorded as a "closed" failure naming the exit code and the stderr tail.
 */
export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private group: ProcessGroup | undefined;
  private pendingLine: Buffer[] = [];
  private pendingBytes = 0;
  private stderr = Buffer.alloc(0);
  private recordedFailure: McpConnectionError | undefined;
  private closing: Promise<void> | undefined;
  private closedNotified = false;
  private readonly closedSignal = new AbortController();

  constructor(
    private readonly launch: StdioLaunch,
    private readonly options: BoundedStdioTransportOptions,
  ) {}

  /** The pid (and process group id) of the server, once started. */
  get pid(): number | undefined {
    return this.group?.pid;
  }

  /** Why the connection ended on its own (crash, oversize or invalid message), if it did. */
  get failure(): McpConnectionError | undefined {
    return this.recordedFailure;
  }

  /** The last lines the server wrote to stderr, trimmed. */
  stderrTail(maxCharacters = 1000): string {
    const text = this.stderr.toString("utf8").trim();
    return text.length > maxCharacters ? `…${text.slice(-maxCharacters)}` : text;
  }

  async start(): Promise<void> {
    if (this.group || this.closing) throw new Error("BoundedStdioTransport already started");
    try {
      this.group = await spawnProcessGroup(this.launch);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
      throw new McpConnectionError("cannot_start", `Could not start "${this.options.name}": ${reason}.`, {
        cause: error,
      });
    }
    if (this.closing) {
      // Closed while the process was starting: it must not outlive the connection.
      await this.group.terminate(this.options.killGraceMs);
      throw new McpConnectionError(
        "closed",
        `The connection to "${this.options.name}" was closed while starting.`,
      );
    }
    const { child } = this.group;
    child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    child.stderr.on("data", (chunk: Buffer) => this.keepStderr(chunk));
    // EPIPE and friends after the server died: the exit is reported below.
    child.stdin.on("error", () => undefined);
    child.stdout.on("error", () => undefined);
    child.stderr.on("error", () => undefined);
    void this.group.exited.then(async ({ code, signal }) => {
      if (this.closing) return;
      // Let the last stderr lines arrive so the message can show them.
      await Promise.race([
        new Promise((resolve) => child.once("close", resolve)),
        new Promise((resolve) => setTimeout(resolve, EXIT_DRAIN_MS)),
      ]);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tail = this.stderrTail();
      this.fail(
        new McpConnectionError(
          "closed",
          `The MCP server "${this.options.name}" ${how}${tail ? `: ${tail}` : "."}`,
        ),
      );
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.group?.child.stdin;
    if (!stdin || this.closing || !stdin.writable) {
      throw (
        this.recordedFailure ??
        new McpConnectionError("closed", `The connection to "${this.options.name}" is closed.`)
      );
    }
    if (stdin.write(`${JSON.stringify(message)}\n`)) return;
    // Wait for the pipe to drain, unless the connection ends first.
    await new Promise<void>((resolve) => {
      stdin.once("drain", resolve);
      this.closedSignal.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closedSignal.abort();
    const group = this.group;
    if (group) {
      // Read nothing more: after an oversize line the rest of it must not flow through memory.
      group.child.stdout.removeAllListeners("data");
      group.child.stdout.destroy();
      group.child.stdin.end();
      await group.terminate(this.options.killGraceMs);
      group.child.stderr.destroy();
    }
    this.pendingLine = [];
    this.pendingBytes = 0;
    if (!this.closedNotified) {
      this.closedNotified = true;
      this.onclose?.();
    }
  }

  private fail(error: McpConnectionError): void {
    if (this.recordedFailure || this.closing) return;
    this.recordedFailure = error;
    this.onerror?.(error);
    void this.close();
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length && !this.closing) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.pendingBytes += end - start;
      if (this.pendingBytes > this.options.maxMessageBytes) {
        this.pendingLine = [];
        this.fail(
          new McpConnectionError(
            "protocol",
            `The MCP server "${this.options.name}" sent a message larger than ${this.options.maxMessageBytes} bytes (TRELLIS_MCP_MAX_MESSAGE_BYTES); the connection was closed.`,
          ),
        );
        return;
      }
      if (end > start) this.pendingLine.push(chunk.subarray(start, end));
      if (newline === -1) return;
      const line = Buffer.concat(this.pendingLine).toString("utf8");
      this.pendingLine = [];
      this.pendingBytes = 0;
      this.handleLine(line);
      start = newline + 1;
    }
  }

  private handleLine(rawLine: string): void {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.fail(this.invalidMessage(line, "is not JSON"));
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.fail(this.invalidMessage(line, "is not a JSON-RPC message"));
      return;
    }
    this.onmessage?.(message.data);
  }

  private invalidMessage(line: string, what: string): McpConnectionError {
    const preview = line.length > 120 ? `${line.slice(0, 120)}…` : line;
    return new McpConnectionError(
      "protocol",
      `The MCP server "${this.options.name}" wrote a line that ${what} to its output (${JSON.stringify(preview)}); the connection was closed.`,
    );
  }

  private keepStderr(chunk: Buffer): void {
    const limit = this.options.stderrTailBytes ?? DEFAULT_STDERR_TAIL_BYTES;
    const combined = Buffer.concat([this.stderr, chunk]);
    this.stderr = combined.length > limit ? combined.subarray(combined.length - limit) : combined;
  }
}
