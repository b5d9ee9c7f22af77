// Placeholder from the lead's skeleton (issue 14); the owning helper replaces it. Keep the default export and props.
export interface ProjectCalendarProps { search: string; onSearchChange: (search: string) => void; onOpenVersion: (versionId: string) => void }
export default function ProjectCalendar(_props: ProjectCalendarProps) {
  return <p>Calendar</p>;
}
