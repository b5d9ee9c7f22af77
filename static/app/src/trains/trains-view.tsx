// Placeholder from the lead's skeleton (issue 14); the owning helper replaces it. Keep the default export and props.
/** path: the part after /trains ('/' for the list, '/<trainId>' for a train); navigate takes the same form. */
export interface TrainsViewProps { path: string; navigate: (path: string) => void }
export default function TrainsView(_props: TrainsViewProps) {
  return <p>Release trains</p>;
}
