"use client";
import { useRef, useState, type DragEvent, type ReactNode } from "react";

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");

/**
 * An area that takes files dragged from the desktop and hands them to `onFiles`; anything else dragged
 * over it (text, links) is left to the browser. `dragging` is true while files are held over the area,
 * for its visible state. Without `enabled` it is a plain container. A drop zone is for the mouse only:
 * keep a file picker beside it.
 */
export function FileDropZone({ enabled, onFiles, className, children, ...rest }: {
  enabled: boolean; onFiles: (files: FileList) => void; className: (dragging: boolean) => string; children: ReactNode;
  "data-testid"?: string;
}) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them so leaving a child is not leaving the zone.
  const depth = useRef(0);

  if (!enabled) return <div className={className(false)} {...rest}>{children}</div>;
  return (
    <div className={className(dragging)} data-dragging={dragging || undefined} {...rest}
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault(); // without this the browser opens the file instead of dropping it here
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(e) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        if (e.dataTransfer.files.length) onFiles(e.dataTransfer.files);
      }}>
      {children}
    </div>
  );
}
