import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TrpcProviders } from "@/components/providers/trpc";
import "@xyflow/react/dist/style.css";
import "./globals.css";

// Every page depends on who is signed in: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Trellis", template: "%s · Trellis" },
  description: "Design agent systems on a canvas and run them.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProviders>{children}</TrpcProviders>
      </body>
    </html>
  );
}
