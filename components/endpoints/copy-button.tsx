// Moved to components/ui/copy-button.tsx (issue 12: one CopyButton). Kept as a re-export while
// verify-guide.tsx, edited in another branch of work, still imports it from here.
export { CopyButton, copyText } from "@/components/ui/copy-button";
