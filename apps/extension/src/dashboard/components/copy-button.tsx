import { useEffect, useState } from "react";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no focus, old browser): fall back to a selected textarea.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const copied = document.execCommand?.("copy") ?? false;
    area.remove();
    return copied;
  }
}

/** Copies `text` and says so in a polite live region (screen readers hear "Copied"). */
export function CopyButton({
  text,
  label = "Copy",
  describedBy,
}: {
  text: string;
  label?: string;
  describedBy?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="button secondary"
        aria-describedby={describedBy}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        {label}
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {state === "copied"
          ? "Copied"
          : state === "failed"
            ? "Could not copy; select the text instead"
            : ""}
      </span>
    </span>
  );
}
