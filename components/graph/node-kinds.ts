import {
  Bot,
  GitBranch,
  GitFork,
  ListOrdered,
  Network,
  RefreshCcw,
  Vote,
  type LucideIcon,
} from "lucide-react";
import type { NodeType } from "@/server/designs/graph-schema";

/** How each node type looks: one place, shared by the read-only view and the editor. */
export const NODE_KINDS: Record<NodeType, { label: string; icon: LucideIcon; color: string }> = {
  agent: { label: "Agent", icon: Bot, color: "#2557d6" },
  chain: { label: "Chain", icon: ListOrdered, color: "#7c3aed" },
  parallel: { label: "Parallel", icon: GitFork, color: "#0e7490" },
  router: { label: "Router", icon: GitBranch, color: "#b45309" },
  evaluator_optimizer: { label: "Evaluator–optimizer", icon: RefreshCcw, color: "#be185d" },
  orchestrator: { label: "Orchestrator", icon: Network, color: "#15803d" },
  maker: { label: "MAKER", icon: Vote, color: "#4d7c0f" },
};
