/** Why the server refused an admin's change, under the control that asked for it. */
export function ActionError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="action-error" role="alert">
      {error}
    </p>
  );
}
