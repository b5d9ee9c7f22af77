// Placeholder from the lead's skeleton (issue 14); the owning helper replaces it. Keep the default export and props.
export default function Macro() {
  return <p>Not configured yet</p>;
}
