"use client";

import { Search } from "lucide-react";
import { memo, useId, useState, type KeyboardEvent, type RefObject } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import { useEditorActions, useEditorStore } from "@/components/editor/editor-context";
import { freeSpot } from "@/components/editor/state/graph-queries";
import type { NodeType } from "@/server/designs/graph-schema";
import { filterPalette, NODE_TYPE_MIME, PALETTE_ITEMS } from "./palette-items";

// New nodes are centred on the point they are added at, as far as a typical card's size goes.
const CARD_HALF_SIZE = { x: 90, y: 40 };

/** The node types, searchable; drag one onto the canvas, or click (Enter) to add it in the middle. */
function NodePaletteList({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const store = useEditorStore();
  const { announce, viewCentre } = useEditorActions();
  const [search, setSearch] = useState("");
  const searchId = useId();
  const items = filterPalette(PALETTE_ITEMS, search);

  function add(type: NodeType): boolean {
    const centre = viewCentre();
    const spot = freeSpot(store.graph, { x: centre.x - CARD_HALF_SIZE.x, y: centre.y - CARD_HALF_SIZE.y });
    const result = store.addNode(type, spot);
    announce(result.ok ? `Added ${NODE_KINDS[type].label.toLowerCase()} "${result.name}".` : result.reason);
    return result.ok;
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    const first = items[0];
    if (event.key === "Enter" && first) {
      event.preventDefault();
      // The search did its job; the next "/" starts from the whole palette again.
      if (add(first.type)) setSearch("");
    } else if (event.key === "Escape" && search !== "") {
      // Clearing the search is the first thing Escape does here; the next one leaves the field.
      event.stopPropagation();
      setSearch("");
    }
  }

  return (
    <nav className="editor-palette" aria-label="Node types">
      <label htmlFor={searchId} className="editor-panel-heading">
        Search node types
      </label>
      <div className="editor-palette-search">
        <Search size={14} aria-hidden />
        <input
          ref={searchRef}
          id={searchId}
          className="input"
          type="search"
          value={search}
          placeholder="Filter ( / )"
          aria-describedby={`${searchId}-hint`}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={onSearchKey}
        />
      </div>
      <p id={`${searchId}-hint`} className="hint">
        Drag a type onto the canvas, or press Enter to add it in the middle.
      </p>
      <ul className="editor-palette-list">
        {items.map((item) => {
          const kind = NODE_KINDS[item.type];
          const Icon = kind.icon;
          return (
            <li key={item.type}>
              <button
                type="button"
                className="editor-palette-item"
                draggable
                style={{ ["--node-color" as string]: kind.color }}
                aria-label={`Add ${item.label}`}
                aria-describedby={`${searchId}-${item.type}`}
                onDragStart={(event) => {
                  event.dataTransfer.setData(NODE_TYPE_MIME, item.type);
                  event.dataTransfer.effectAllowed = "copy";
                }}
                onClick={() => add(item.type)}
              >
                <Icon size={16} aria-hidden />
                <span className="editor-palette-label">{item.label}</span>
                <span id={`${searchId}-${item.type}`} className="editor-palette-description">
                  {item.description}
                </span>
              </button>
            </li>
          );
        })}
        {items.length === 0 ? <li className="muted">No node type matches “{search}”.</li> : null}
      </ul>
    </nav>
  );
}

// Memoised: the editor re-renders on every change, the palette never needs to.
export const NodePalette = memo(NodePaletteList);
