// Placeholder from the lead's skeleton (issue 14); the owning helper replaces it. Keep the default export and props.
export interface GlobalCalendarProps { search: string; onSearchChange: (search: string) => void; onOpenTrain: (trainId: string) => void }
export default function GlobalCalendar(_props: GlobalCalendarProps) {
  return <p>Calendar</p>;
}
