import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
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
 * The one way a component calls a server action: useMutation over an action returning
 * ActionResult. `{ ok: false }` becomes an ActionFailure (with its code), and a call that never
 * reached the action (the network, a redeploy) becomes one too, so components handle every
 * failure the same way, in onError or `mutation.error`. Every other useMutation option
 * (onMutate, onSettled…) passes through.
 */
export function useActionMutation<TInput = void, TData = unknown, TContext = unknown>(
  action: (input: TInput) => Promise<ActionResult<TData>>,
  options: Omit<UseMutationOptions<TData, ActionFailure, TInput, TContext>, "mutationFn"> = {},
) {
  return useMutation<TData, ActionFailure, TInput, TContext>({
    ...options,
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
  });
}
