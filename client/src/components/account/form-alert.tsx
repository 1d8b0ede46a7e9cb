/** A form's outcome: an error (role alert) or a success note (role status); nothing when empty. */
export function FormAlert({ error, success }: { error?: string | null; success?: string | null }) {
  if (error) {
    return (
      <div className="alert alert-danger" role="alert">
        {error}
      </div>
    );
  }
  if (success) {
    return (
      <div className="alert alert-success" role="status">
        {success}
      </div>
    );
  }
  return null;
}
