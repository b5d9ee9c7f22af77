// Placeholder from the lead's skeleton (issue 14); the owning helper replaces it. Keep the default export and props.
export interface ProjectHealthProps { search: string; onSearchChange: (search: string) => void; onOpenVersion: (versionId: string) => void }
export default function ProjectHealth(_props: ProjectHealthProps) {
  return <p>Health</p>;
}
