"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Theme, string> = {
  system: "Colour scheme: follows the system",
  light: "Colour scheme: light",
  dark: "Colour scheme: dark",
};

function apply(theme: Theme): void {
  if (theme === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", theme);
}

/** Light and dark follow prefers-color-scheme unless the person picks one (kept in this browser). */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>("system");

  useEffect(() => {
    const stored = localStorage.getItem("trellis-theme");
    if (stored === "light" || stored === "dark") {
      setTheme(stored);
      apply(stored);
    }
  }, []);

  const cycle = () => {
    const next = NEXT[theme];
    setTheme(next);
    apply(next);
    if (next === "system") localStorage.removeItem("trellis-theme");
    else localStorage.setItem("trellis-theme", next);
  };

  const Icon = theme === "dark" ? Moon : theme === "light" ? Sun : Monitor;
  return (
    <button
      type="button"
      className="icon-button"
      onClick={cycle}
      aria-label={LABEL[theme]}
      title={LABEL[theme]}
    >
      <Icon size={16} aria-hidden />
    </button>
  );
}
