import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useAsync } from "./use-async.ts";

/** A load the test answers by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe("useAsync", () => {
  it("keeps what set put there when a load started before it answers later", async () => {
    const first = deferred<number>();
    const loads = [first.promise];
    const { result } = renderHook(() => useAsync("wallet", () => loads.shift() ?? first.promise));
    await act(async () => result.current.set(4_995));
    await act(async () => first.resolve(5_000));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toBe(4_995);
  });

  it("takes the answer of a load started after set", async () => {
    const first = deferred<number>();
    const second = deferred<number>();
    const loads = [first.promise, second.promise];
    const { result } = renderHook(() => useAsync("wallet", () => loads.shift() ?? second.promise));
    await act(async () => first.resolve(5_000));
    await waitFor(() => expect(result.current.data).toBe(5_000));
    await act(async () => result.current.set(4_995));
    await act(async () => result.current.reload());
    await act(async () => second.resolve(4_990));
    await waitFor(() => expect(result.current.data).toBe(4_990));
  });
});
