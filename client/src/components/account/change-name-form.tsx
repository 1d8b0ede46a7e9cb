import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { FormAlert } from "./form-alert";

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($name: String!) {
    updateProfile(name: $name) {
      id
      name
    }
  }
`);

/** Renames the viewer; the cache carries the new name to the navigation. */
export function ChangeNameForm({ currentName }: { currentName: string }) {
  const [name, setName] = useState(currentName);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [update, { loading }] = useMutation(UpdateProfileMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setSaved(false);
    try {
      const { data } = await update({ variables: { name } });
      if (data) {
        setName(data.updateProfile.name);
        setSaved(true);
      }
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="change-name-heading">
      <h2 id="change-name-heading" className="h5">
        Change name
      </h2>
      <div className="mb-3">
        <label htmlFor="profile-name" className="form-label">
          Name
        </label>
        <input
          id="profile-name"
          className="form-control"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </div>
      <FormAlert error={message} success={saved ? "Your name has been saved." : null} />
      <button type="submit" className="btn btn-primary" disabled={loading}>
        {loading ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}
