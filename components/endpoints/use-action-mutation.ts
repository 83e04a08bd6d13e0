import { useMutation } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/types";

/** A server action's expected failure, carried through TanStack Query as an error. */
export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * useMutation over a server action returning ActionResult: `{ ok: false }` becomes an error
 * (with its code), so components handle both the same way in onError.
 */
export function useActionMutation<TInput, TData>(action: (input: TInput) => Promise<ActionResult<TData>>, options: { onSuccess?: (data: TData) => void; onError?: (error: ActionFailure) => void } = {}) {
  return useMutation<TData, ActionFailure, TInput>({
    mutationFn: async (input) => {
      let result: ActionResult<TData>;
      try {
        result = await action(input);
      } catch {
        // The network or a redeploy, not the action: the action itself never throws.
        throw new ActionFailure("Could not reach Waypoint. Check your connection and try again.", "network");
      }
      if (!result.ok) throw new ActionFailure(result.error, result.code);
      return result.data;
    },
    onSuccess: options.onSuccess,
    onError: options.onError,
  });
}
