import { CircleCheck, CircleSlash, CircleX, Hourglass, LoaderCircle, type LucideIcon } from "lucide-react";
import type { NodeRunState } from "@/components/graph/graph-view";

/** Never colour alone (ux.md): each run state has a word and an icon as well as a colour. */
export const RUN_STATE_LOOK: Record<NodeRunState, { word: string; icon: LucideIcon }> = {
  running: { word: "running", icon: LoaderCircle },
  succeeded: { word: "succeeded", icon: CircleCheck },
  failed: { word: "failed", icon: CircleX },
  waiting: { word: "waiting for input", icon: Hourglass },
  cancelled: { word: "stopped", icon: CircleSlash },
};
