"use client";

import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Model output is untrusted. Without rehype-raw, react-markdown shows raw HTML as text, and its
 * default URL transform drops `javascript:` and similar links. Images are shown as links rather
 * than loaded, so opening a (shared) run never fetches from addresses a model chose.
 */
const components: Components = {
  a: ({ node: _node, children, href, ...props }) => (
    <a {...props} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === "string" && src !== "" ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        {alt ? `Image: ${alt}` : "Image"}
      </a>
    ) : (
      <span>{alt ? `Image: ${alt}` : "Image"}</span>
    ),
  table: ({ node: _node, children, ...props }) => (
    <div className="markdown-table">
      <table {...props}>{children}</table>
    </div>
  ),
};

const remarkPlugins = [remarkGfm];

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : "markdown"}>
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
