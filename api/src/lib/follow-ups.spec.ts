import { FollowUps } from "./follow-ups";

describe("FollowUps", () => {
  it("runs a task in the background and drains it, with the tasks it starts", async () => {
    const errors: unknown[] = [];
    const followUps = new FollowUps(false, (error) => errors.push(error));
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await followUps.run(async () => {
      await gate;
      done.push("first");
      void followUps.run(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        done.push("second");
      });
    });
    expect(done).toEqual([]);
    expect(followUps.size).toBe(1);
    const drained = followUps.drain();
    release();
    await drained;
    expect(done).toEqual(["first", "second"]);
    expect(followUps.size).toBe(0);
    expect(errors).toEqual([]);
  });

  it("reports a failed background task and goes on", async () => {
    const errors: unknown[] = [];
    const followUps = new FollowUps(false, (error) => errors.push(error));
    await followUps.run(() => Promise.reject(new Error("database down")));
    await followUps.drain();
    expect(errors).toEqual([new Error("database down")]);
  });

  it("inline, awaits each task where it starts and passes its error on", async () => {
    const followUps = new FollowUps(true, () => undefined);
    const done: string[] = [];
    await followUps.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      done.push("task");
    });
    expect(done).toEqual(["task"]);
    await expect(followUps.run(() => Promise.reject(new Error("stop")))).rejects.toThrow("stop");
  });
});
