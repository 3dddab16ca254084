import { CircleAlert, TriangleAlert } from "lucide-react";

/** The validation messages of one node or edge, errors first (as indexIssues orders them). */
export function IssueMessages({ messages, errors }: { messages: readonly string[]; errors: number }) {
  return (
    <ul className="editor-issue-messages" aria-label="Problems here">
      {messages.map((message, index) => {
        const isError = index < errors;
        const Icon = isError ? CircleAlert : TriangleAlert;
        return (
          <li key={`${index}-${message}`} className={isError ? "is-error" : "is-warning"}>
            <Icon size={14} aria-hidden />
            <span>
              <span className="visually-hidden">{isError ? "Error: " : "Warning: "}</span>
              {message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
